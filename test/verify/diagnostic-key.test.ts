import { describe, expect, it } from 'vitest';
// The project's own TypeScript: it has its standard lib on disk (ts-morph's copy keeps it in memory).
import ts from 'typescript';
import { diagnosticKey, unionOrderFree } from '../../src/verify/diagnostic-key.js';

// A project with a type error it already had: a test's stub lacks a property of a function's
// inferred result, whose `rows` is a union of two array types.
const FILES: Record<string, string> = {
  '/p/search.ts': [
    'export interface Row { title: string }',
    'export function none() { return []; }',
    'declare function fetchRows(): Promise<Row[]>;',
    'async function poll(id: string) {',
    '  for (let i = 0; i < 3; i++) {',
    '    const rows = await fetchRows();',
    '    if (rows.length > 0) return { data: id, rows };',
    '  }',
    '  return { data: null, rows: [] };',
    '}',
    'export async function resolve(id: string) {',
    '  const { rows } = await poll(id);',
    "  return { id, rows, link: id ? 'x' : undefined };",
    '}',
  ].join('\n'),
  '/p/search.test.ts': [
    "import { resolve } from './search';",
    'type Result = Awaited<ReturnType<typeof resolve>>;',
    'function stub(value: Result): Result { return value; }',
    "stub({ id: 'a', rows: [] });",
  ].join('\n'),
};

function errorOfTest(checkFirst: string[]): ts.Diagnostic {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, noEmit: true, lib: ['lib.es2022.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => FILES[f] ?? read(f);
  host.fileExists = ((exists) => (f: string) => f in FILES || exists(f))(host.fileExists.bind(host));
  host.directoryExists = ((exists) => (d: string) => d === '/p' || (exists ? exists(d) : true))(host.directoryExists?.bind(host));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v) => (f in FILES ? ts.createSourceFile(f, FILES[f]!, v) : getSourceFile(f, v));
  const program = ts.createProgram({ rootNames: Object.keys(FILES), options, host });
  for (const f of checkFirst) program.getSemanticDiagnostics(program.getSourceFile(f));
  const [error] = program.getSemanticDiagnostics(program.getSourceFile('/p/search.test.ts'));
  return error!;
}

describe('diagnosticKey', () => {
  it('is the same for an error whose union members print in another order when files are checked in another order', () => {
    const testFirst = errorOfTest([]);
    const sourceFirst = errorOfTest(['/p/search.ts']);
    const text = (d: ts.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, '\n');
    // The premise: TypeScript itself prints them differently.
    expect(text(testFirst)).not.toBe(text(sourceFirst));
    expect(diagnosticKey(testFirst)).toBe(diagnosticKey(sourceFirst));
  });

  it('sorts union members within their own property, parameter or type argument only', () => {
    expect(unionOrderFree("Type '{ a: B | A; b: D | C; }' is not assignable")).toBe("Type '{ a: A | B; b: C | D; }' is not assignable");
    expect(unionOrderFree("Argument of type '(x: Z | Y) => Promise<Q | P>' is wrong")).toBe("Argument of type '(x: Y | Z) => Promise<P | Q>' is wrong");
    expect(unionOrderFree("Type 'string' is not assignable to type 'number'")).toBe("Type 'string' is not assignable to type 'number'");
    // Different types stay different.
    expect(unionOrderFree("Type '{ a: A | B; }'")).not.toBe(unionOrderFree("Type '{ a: A | C; }'"));
  });
});
