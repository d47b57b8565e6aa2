// The jscodeshift transform, through jscodeshift's own test utilities (which trim the output)
// and called directly with jscodeshift's API (compared byte for byte).
import { describe, expect, it } from 'vitest';
import jscodeshift from 'jscodeshift';
import { applyTransform, defineInlineTest } from 'jscodeshift/src/testUtils.js';
import * as transform from '../../transforms/structured-logs.js';

// jscodeshift's test utilities call the test framework's globals.
Object.assign(globalThis, { it, expect });

const RUNTIME = { runtimeImport: './src/trace-context.js' };

function run(source: string, options: Record<string, unknown> = RUNTIME, parser = 'ts', path: string | undefined = 'src/input.ts') {
  const j = jscodeshift.withParser(parser);
  const reports: string[] = [];
  const output = transform.default({ path: path as string, source }, { jscodeshift: j, j, stats: () => {}, report: (message: string) => reports.push(message) }, options);
  return { output, reports };
}

describe('jscodeshift test utilities', () => {
  describe('ts parser', () => {
    defineInlineTest(
      { default: transform.default, parser: 'ts' },
      {},
      [
        "import type { Order } from './order.js';",
        '',
        'export function settle(order: Order, reqId: string): void {',
        '  console.log(`[${reqId}] settling ${order.id} for ${order.total!}`);',
        '}',
      ].join('\n'),
      [
        "import type { Order } from './order.js';",
        "import { log } from './trace-context.js';",
        '',
        'export function settle(order: Order, reqId: string): void {',
        "  log.info('settling {orderId} for {orderTotal}', { orderId: order.id, orderTotal: order.total! });",
        '}',
      ].join('\n'),
      'converts a TypeScript console call and drops the id prefix',
    );
  });

  describe('babel parser', () => {
    defineInlineTest(
      { default: transform.default, parser: 'babel' },
      {},
      ["export function report(rows) {", "  console.warn('%d rows', rows.length, rows);", '}'].join('\n'),
      ["import { log } from './trace-context.js';", '', 'export function report(rows) {', "  log.warn('{rowCount} rows {rows}', { rowCount: rows.length, rows });", '}'].join('\n'),
      'converts a JavaScript console call',
    );
  });

  it('reports nothing to change as an empty result', () => {
    expect(applyTransform({ default: transform.default, parser: 'ts' }, RUNTIME, { source: 'export const x = 1;\n' })).toBe('');
  });
});

describe('structured-logs transform (byte for byte)', () => {
  it('adds the import after the last import, keeps everything else as written', () => {
    const source = [
      '// header comment',
      "import { readFile } from 'node:fs/promises';",
      '',
      'export async function load(path: string, requestId: string): Promise<string> {',
      '  console.log(`(req ${requestId}) loading ${path}`);',
      '  try {',
      "    return await readFile(path, 'utf8');",
      '  } catch (err) {',
      '    console.error(`load of ${path} failed for ${requestId}: ${err}`);',
      '    throw err;',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(run(source).output).toBe(
      [
        '// header comment',
        "import { readFile } from 'node:fs/promises';",
        "import { log } from './trace-context.js';",
        '',
        'export async function load(path: string, requestId: string): Promise<string> {',
        "  log.info('loading {path}', { path });",
        '  try {',
        "    return await readFile(path, 'utf8');",
        '  } catch (err) {',
        "    log.error('load of {path} failed for {correlationId}: {err}', { path, err });",
        '    throw err;',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a require in CommonJS, after the directive prologue and the requires, in the file\'s quotes and semicolons', () => {
    const source = ['"use strict"', 'const fs = require("fs")', '', 'function stat(file) {', '  console.info("stat", file)', '}', 'module.exports = { stat }', ''].join('\r\n');
    expect(run(source, RUNTIME, 'babel', 'src/stat.js').output).toBe(
      ['"use strict"', 'const fs = require("fs")', 'const { log } = require("./trace-context.js")', '', 'function stat(file) {', '  log.info("stat {file}", { file })', '}', 'module.exports = { stat }', ''].join('\r\n'),
    );
  });

  it('edits the file\'s own text: tabs, CRLF and a BOM as they are', () => {
    const source = '\uFEFF// bom\r\nexport function f(a: number) {\r\n\tif (a) {\r\n\t\tconsole.log(`a ${a}`,\r\n\t\t\ta);\r\n\t}\r\n}\r\n';
    expect(run(source).output).toBe(
      "\uFEFF// bom\r\nimport { log } from './trace-context.js';\r\n\r\nexport function f(a: number) {\r\n\tif (a) {\r\n\t\tlog.info('a {a} {a}', { a });\r\n\t}\r\n}\r\n",
    );
  });

  it('leaves a template it cannot read exactly alone, and says so', () => {
    const source = 'export function f(a: number) {\n  console.log(`first line\n\tindented by a tab ${a}`);\n}\n';
    const { output, reports } = run(source);
    expect(output).toBeUndefined();
    expect(reports).toEqual([
      'src/input.ts:2: console.log left as is: a template literal whose lines start with tabs or other whitespace the parser saw re-indented; convert it by hand',
    ]);
  });

  it('names the facade traceLog when the file declares log, and reuses an existing runtime import', () => {
    const declared = ["import { withTrace } from './trace-context.js';", 'const log = [];', 'export function f(a: number) {', '  console.log(`a ${a}`);', '}', ''].join('\n');
    expect(run(declared).output).toBe(
      ["import { withTrace, log as traceLog } from './trace-context.js';", 'const log = [];', 'export function f(a: number) {', "  traceLog.info('a {a}', { a });", '}', ''].join('\n'),
    );
    const imported = ["import { log } from './trace-context.js';", 'export function f(a: number) {', '  console.log(`a ${a}`);', '}', ''].join('\n');
    expect(run(imported).output).toBe(["import { log } from './trace-context.js';", 'export function f(a: number) {', "  log.info('a {a}', { a });", '}', ''].join('\n'));
  });

  it('puts the import first in a file without imports', () => {
    expect(run('export function f() {\n  console.log("ready");\n}\n').output).toBe('import { log } from "./trace-context.js";\n\nexport function f() {\n  log.info("ready");\n}\n');
  });

  it('takes runtimeImport relative to the working directory, or as written when it is a specifier', () => {
    const source = 'export const f = () => console.log("x");\n';
    expect(run(source, { runtimeImport: './lib/trace-context.js' }, 'ts', 'src/deep/file.ts').output).toContain('from "../../lib/trace-context.js"');
    expect(run(source, { runtimeImport: '#trace-context' }, 'ts', 'src/deep/file.ts').output).toContain('from "#trace-context"');
    expect(run(source, {}, 'ts', 'file.ts').output).toContain('from "./trace-context.js"');
  });

  it('follows logScope, idField and traceNames', () => {
    const source = 'export function f(rid: string, a: number) {\n  console.log("plain");\n  console.log(`[${rid}] a ${a} seen by ${rid} again`);\n}\n';
    const out = run(source, { ...RUNTIME, logScope: 'interpolated', idField: 'reqId', traceNames: 'rid' }).output!;
    expect(out).toContain('  console.log("plain");\n');
    expect(out).toContain('  log.info("a {a} seen by {reqId} again", { a });\n');
  });

  it('leaves spread calls alone and reports them', () => {
    const { output, reports } = run('export function f(args: unknown[]) {\n  console.log(...args);\n}\n');
    expect(output).toBeUndefined();
    expect(reports).toEqual(['src/input.ts:2: console.log with spread arguments left as is: the message cannot be read; convert it by hand']);
  });

  it('renders a console call nested in another one into the outer call', () => {
    const out = run('export function f(a: number) {\n  console.log(`outer ${[console.log(`inner ${a}`)].length}`);\n}\n').output!;
    expect(out).toContain("log.info('outer {valueCount}', { valueCount: [log.info('inner {a}', { a })].length });");
  });

  it('is idempotent', () => {
    const once = run('export function f(a: number, reqId: string) {\n  console.log(`[${reqId}] a ${a}`);\n}\n').output!;
    expect(run(once).output).toBeUndefined();
  });
});
