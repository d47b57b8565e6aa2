// The rendered text itself: marker, line endings, imports per variant, the id field, the extension
// helper. What the text does when it runs is tested in the runtime-*.test.ts files.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { renderRuntimeModule, runtimeFileExtension } from '../../src/runtime/render-runtime-module.js';
import { RUNTIME_MODULE_MARKER, type RuntimeModuleOptions } from '../../src/runtime/runtime-options.js';
import { jsonLines, prepareVariant, runScript, render, type VariantOptions } from './runtime-project.js';

const ALL_VARIANTS: VariantOptions[] = (['ts', 'js'] as const).flatMap((language) =>
  (['esm', 'cjs'] as const).flatMap((moduleFormat) =>
    (['json', 'pino'] as const).flatMap((backend) => [false, true].map((openTelemetry) => ({ language, moduleFormat, backend, openTelemetry }))),
  ),
);

/** The module names a text imports or requires. */
function importedModules(text: string): string[] {
  return [...text.matchAll(/(?:from |require\()'([^']+)'/g)].map((match) => match[1] as string);
}

describe('renderRuntimeModule', () => {
  it.each(ALL_VARIANTS)('starts with the marker and ends every line with the eol given: %o', (options) => {
    const lf = render({ ...options, eol: '\n' });
    expect(lf.startsWith(`${RUNTIME_MODULE_MARKER}\n`)).toBe(true);
    expect(lf.endsWith('}\n') || lf.endsWith(';\n')).toBe(true);
    expect(lf).not.toContain('\r');
    expect(lf).not.toMatch(/[ \t]\n/);
    expect(lf.split('\n').filter((line) => line.length > 100)).toEqual([]);

    const crlf = render({ ...options, eol: '\r\n' });
    expect(crlf.startsWith(`${RUNTIME_MODULE_MARKER}\r\n`)).toBe(true);
    expect(crlf.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(crlf).toBe(lf.replace(/\n/g, '\r\n'));
  });

  it.each(ALL_VARIANTS)('imports only what its backend needs: %o', (options) => {
    const expected = ['node:async_hooks'];
    if (options.openTelemetry) expected.push('@opentelemetry/api');
    if (options.backend === 'pino') expected.push('pino');
    expect(importedModules(render(options))).toEqual(expected);
  });

  it('keeps the \\n of a JSON line inside the emitted code, whatever the eol', () => {
    const text = render({ language: 'js', moduleFormat: 'esm', backend: 'json', eol: '\r\n' });
    expect(text).toContain("JSON.stringify(record, jsonSafe()) + '\\n';\r\n");
  });

  it('uses TS syntax only in TS variants, and the module syntax asked for', () => {
    const variants = (language: 'ts' | 'js', moduleFormat: 'esm' | 'cjs'): string =>
      render({ language, moduleFormat, backend: 'json' });
    expect(variants('ts', 'esm')).toMatch(/^export function withTrace<T>\(context: TraceContext, fn: \(\) => T\): T \{$/m);
    expect(variants('ts', 'cjs')).toMatch(/^import asyncHooks = require\('node:async_hooks'\);$/m);
    expect(variants('ts', 'cjs')).toMatch(/^export = \{ withTrace, currentTrace, traceId, log \};\n$/m);
    expect(variants('js', 'esm')).toMatch(/^export const log = \{$/m);
    expect(variants('js', 'cjs')).toMatch(/^module\.exports = \{ withTrace, currentTrace, traceId, log \};\n$/m);
    for (const js of [variants('js', 'esm'), variants('js', 'cjs')]) {
      const code = js.replace(/\/\*\*[^]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/\binterface\b|: string\b|\bas unknown\b|@ts-ignore/);
    }
    expect(variants('js', 'cjs')).not.toMatch(/^(import|export) /m);
    expect(variants('ts', 'cjs')).not.toMatch(/^export (function|const|type|interface) /m);
  });

  it('ignores the TS import of node:async_hooks only where the program has no Node types', () => {
    for (const moduleFormat of ['esm', 'cjs'] as const) {
      const withoutTypes = render({ language: 'ts', moduleFormat, backend: 'json' });
      expect(withoutTypes).toMatch(/^\/\/ @ts-ignore -- typed by ContextStore below.*\n(import \{ AsyncLocalStorage \} from |import asyncHooks = require\()'node:async_hooks'\)?;$/m);
      const withTypes = render({ language: 'ts', moduleFormat, backend: 'pino', openTelemetry: true, nodeTypes: true });
      expect(withTypes).not.toMatch(/@ts-(ignore|expect-error|nocheck)/);
    }
  });

  it('names the id field as configured, quoting a name that is not an identifier', () => {
    const reqId = render({ language: 'ts', moduleFormat: 'esm', backend: 'json', idField: 'reqId' });
    expect(reqId).not.toContain('correlationId');
    expect(reqId).toContain('  readonly reqId?: string | undefined;');
    expect(reqId).toContain('  return storage.getStore()?.reqId;');

    const dashed = render({ language: 'js', moduleFormat: 'esm', backend: 'json', idField: "x-request-id" });
    expect(dashed).toContain("  const id = context['x-request-id'] ?? storage.getStore()?.['x-request-id'];");
    expect(dashed).toContain("  return storage.run(Object.freeze({ 'x-request-id': id }), fn);");
  });

  it('writes records under the configured id field', async () => {
    const variant = prepareVariant({ language: 'js', moduleFormat: 'esm', backend: 'json', idField: 'req_id' });
    try {
      const run = await runScript(variant, 'id-field', "withTrace({ req_id: 'r-1' }, () => log.info('hi', { correlationId: 'kept' }));");
      expect(jsonLines(run.stdout)).toEqual([{ time: expect.any(String), level: 'info', msg: 'hi', req_id: 'r-1', correlationId: 'kept' }]);
    } finally {
      variant.project.remove();
    }
  });

  it.each(['msg', 'time', 'level', 'trace_id', 'span_id', 'trace_flags'])(
    'refuses the id field %j, which every record already has',
    (idField) => {
      const options: RuntimeModuleOptions = { language: 'ts', moduleFormat: 'esm', backend: 'json', idField, eol: '\n' };
      expect(() => renderRuntimeModule(options)).toThrow(/every record already has/);
    },
  );

  it.each(['', '__proto__', "it's", 'a b', 'line\nbreak', 'end*/', '1st', '-id'])(
    'refuses the id field %j, which the module cannot carry in its code and comments',
    (idField) => {
      const options: RuntimeModuleOptions = { language: 'ts', moduleFormat: 'esm', backend: 'json', idField, eol: '\n' };
      expect(() => renderRuntimeModule(options)).toThrow(UsageError);
    },
  );
});

describe('runtimeFileExtension', () => {
  it.each([
    ['ts', 'esm', 'module', '.ts'],
    ['ts', 'esm', 'commonjs', '.ts'],
    ['ts', 'cjs', 'commonjs', '.ts'],
    ['ts', 'cjs', 'module', '.cts'],
    ['js', 'esm', 'module', '.js'],
    ['js', 'esm', 'commonjs', '.mjs'],
    ['js', 'cjs', 'commonjs', '.js'],
    ['js', 'cjs', 'module', '.cjs'],
  ] as const)('%s %s in a %s package: %s', (language, moduleFormat, packageType, extension) => {
    expect(runtimeFileExtension(language, moduleFormat, packageType)).toBe(extension);
  });
});
