// The syntax layer's TypeScript (src/syntax/typescript.ts) must be the one ts-morph runs: nodes of
// a ts-morph Project pass through the syntax layer, and kinds or helpers from a second copy (another
// version) would misread them without an error.
import { Project, ts as tsMorphTs } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { consoleMethodOf } from '../../src/syntax/console-calls.js';
import { ts } from '../../src/syntax/typescript.js';

describe('the syntax layer TypeScript', () => {
  it('is the TypeScript ts-morph uses: same version, same functions and enums', () => {
    expect(ts.version).toBe(tsMorphTs.version);
    expect(ts.SyntaxKind).toBe(tsMorphTs.SyntaxKind);
    expect(ts.createSourceFile).toBe(tsMorphTs.createSourceFile);
    expect(ts.isCallExpression).toBe(tsMorphTs.isCallExpression);
  });

  it('reads the nodes of a ts-morph Project', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile('a.ts', 'console.log(`x ${1}`);');
    const call = file.getDescendantsOfKind(tsMorphTs.SyntaxKind.CallExpression)[0]!.compilerNode;
    expect(ts.isCallExpression(call)).toBe(true);
    expect(consoleMethodOf(call)).toBe('log');
  });
});
