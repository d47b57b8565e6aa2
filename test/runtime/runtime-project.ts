// Test support: puts a rendered runtime module into a throwaway project, type-checks or compiles it
// with the real TypeScript compiler, runs scripts against it with node, and parses JSON-lines output.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { renderRuntimeModule, runtimeFileExtension } from '../../src/runtime/render-runtime-module.js';
import type { RuntimeModuleOptions } from '../../src/runtime/runtime-options.js';

const REPO_NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');

export type PackageType = 'module' | 'commonjs';

export interface TempProject {
  dir: string;
  write(relativePath: string, text: string): string;
  remove(): void;
}

/** A temp directory with a package.json of the given type and, optionally, this repo's node_modules. */
export function tempProject(packageType: PackageType, withNodeModules = true): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'trace-runtime-'));
  const write = (relativePath: string, text: string): string => {
    const path = join(dir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  write('package.json', JSON.stringify({ name: 'runtime-under-test', private: true, type: packageType }));
  if (withNodeModules) symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node file` in the file's project; never throws on a non-zero exit. */
export function runNode(file: string, env: Record<string, string> = {}): Promise<RunResult> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  if (!('LOG_LEVEL' in env)) delete childEnv['LOG_LEVEL'];
  return new Promise((done) => {
    execFile(process.execPath, [file], { cwd: dirname(file), env: childEnv }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Every line of a stream's output as JSON: fails on a line that is not JSON or a missing final newline. */
export function jsonLines(output: string): Record<string, unknown>[] {
  if (output === '') return [];
  if (!output.endsWith('\n')) throw new Error(`output does not end with a newline: ${JSON.stringify(output.slice(-80))}`);
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${JSON.stringify(line)}`);
      }
    });
}

// ---- TypeScript ------------------------------------------------------------------------------

// Declaration files (lib, @types/node, pino, OpenTelemetry) are parsed once per test file, not
// once per program.
const declarationCache = new Map<string, ts.SourceFile | undefined>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.endsWith('.d.ts') && !fileName.endsWith('.d.cts') && !fileName.endsWith('.d.mts')) {
      return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    }
    const settings = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
    const key = `${fileName}|${settings.languageVersion}|${settings.impliedNodeFormat ?? ''}`;
    if (!declarationCache.has(key)) declarationCache.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return declarationCache.get(key);
  };
  return host;
}

/**
 * Compiles `rootFiles` of a project with the given compiler options (given as in tsconfig.json) and
 * returns the diagnostics as `file(line,col): message` strings; emits to options.outDir unless noEmit.
 */
export function compileProject(dir: string, rootFiles: string[], tsconfigOptions: Record<string, unknown>): string[] {
  const parsed = ts.parseJsonConfigFileContent({ compilerOptions: tsconfigOptions, files: rootFiles }, ts.sys, dir);
  if (parsed.errors.length > 0) return parsed.errors.map(formatDiagnostic);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: cachingHost(parsed.options) });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (!parsed.options.noEmit) diagnostics.push(...program.emit().diagnostics);
  return diagnostics.map(formatDiagnostic);
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}(${line + 1},${character + 1}) TS${diagnostic.code}: ${message}`;
}

/** Strict, plus the optional strictness flags real projects turn on: the emitted module must pass them all. */
export const STRICTEST: Record<string, unknown> = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  declaration: true,
  skipLibCheck: true,
};

// ---- Variants ----------------------------------------------------------------------------------

export type VariantOptions = Pick<RuntimeModuleOptions, 'language' | 'moduleFormat' | 'backend'> &
  Partial<Pick<RuntimeModuleOptions, 'openTelemetry' | 'idField' | 'eol' | 'nodeTypes'>>;

export function render(options: VariantOptions): string {
  return renderRuntimeModule({ idField: 'correlationId', eol: '\n', ...options });
}

export function variantName(options: VariantOptions): string {
  return [options.language, options.moduleFormat, options.backend, options.openTelemetry ? 'otel' : ''].filter(Boolean).join(' ');
}

/** A runnable variant: its project, the runtime file scripts import, and the syntax scripts use. */
export interface RunnableVariant {
  project: TempProject;
  /** Directory where scripts go, and the runtime's file name there (`./<runtimeFile>` imports it). */
  scriptDir: string;
  runtimeFile: string;
  scriptFormat: 'esm' | 'cjs';
}

/**
 * Writes the variant into a fresh project and, for TS, compiles it under the strictest options:
 * TS ESM syntax as a `type: module` package under `module: nodenext`, TS CommonJS syntax under
 * `module: commonjs` with `verbatimModuleSyntax` (the combination that needs it).
 */
export function prepareVariant(options: VariantOptions): RunnableVariant {
  const packageType: PackageType = options.moduleFormat === 'esm' ? 'module' : 'commonjs';
  const project = tempProject(packageType);
  const extension = runtimeFileExtension(options.language, options.moduleFormat, packageType);
  project.write(`trace-context${extension}`, render(options));
  if (options.language === 'js') {
    return { project, scriptDir: project.dir, runtimeFile: `trace-context${extension}`, scriptFormat: options.moduleFormat };
  }
  const compilerOptions =
    options.moduleFormat === 'esm'
      ? { ...STRICTEST, target: 'es2022', module: 'nodenext', outDir: 'dist', types: ['node'] }
      : { ...STRICTEST, target: 'es2022', module: 'commonjs', verbatimModuleSyntax: true, outDir: 'dist', types: ['node'] };
  const diagnostics = compileProject(project.dir, [`trace-context${extension}`], compilerOptions);
  if (diagnostics.length > 0) {
    project.remove();
    throw new Error(`${variantName(options)} does not compile:\n${diagnostics.join('\n')}`);
  }
  return { project, scriptDir: join(project.dir, 'dist'), runtimeFile: 'trace-context.js', scriptFormat: options.moduleFormat };
}

/**
 * Writes a script next to the runtime and runs it. `body` is the inside of an async function that can
 * use withTrace, currentTrace, traceId, log and the names in `imports` (module name → bound names).
 */
export function runScript(
  variant: RunnableVariant,
  name: string,
  body: string,
  options: { env?: Record<string, string>; imports?: Record<string, string[]> } = {},
): Promise<RunResult> {
  const imports: Record<string, string[]> = { [`./${variant.runtimeFile}`]: ['withTrace', 'currentTrace', 'traceId', 'log'], ...options.imports };
  const esm = variant.scriptFormat === 'esm';
  const header = Object.entries(imports).map(([from, names]) =>
    esm ? `import { ${names.join(', ')} } from '${from}';` : `const { ${names.join(', ')} } = require('${from}');`,
  );
  const script = [
    ...header,
    'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
    'void sleep;',
    '(async () => {',
    body,
    '})().catch((error) => { process.stderr.write(`SCRIPT FAILED: ${error.stack}\\n`); process.exitCode = 70; });',
    '',
  ].join('\n');
  const file = join(variant.scriptDir, `${name}${esm ? '.mjs' : '.cjs'}`);
  mkdirSync(variant.scriptDir, { recursive: true });
  writeFileSync(file, script);
  return runNode(file, options.env);
}
