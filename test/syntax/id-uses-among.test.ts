// idUsesAmong must find exactly the uses idUsesByName finds, from identifiers a caller collected in
// its own walk of the whole file: the same references inside the scope, none outside it, none under
// a function that declares the name again, and the locals the value lands in followed as before.
import { describe, expect, it } from 'vitest';
import { ts } from '../../src/syntax/typescript.js';
import { idUsesAmong, idUsesByName, type IdUse } from '../../src/syntax/id-uses.js';
import { scanFile } from '../../src/check/scan-file.js';

const isConsoleCall = (call: ts.CallExpression) => /^console\./.test(call.expression.getText());

/** Each function-like with a parameter named `name`: its uses both ways, as [kind, line] pairs. */
function bothWays(lines: string[], name: string) {
  const file = ts.createSourceFile('/p/f.ts', lines.join('\n'), ts.ScriptTarget.Latest, true);
  const named: ts.Identifier[] = [];
  const functions: ts.FunctionLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) named.push(node);
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) functions.push(node as ts.FunctionLikeDeclaration);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const described = (uses: IdUse[]) => uses.map((use) => [use.kind, file.getLineAndCharacterOfPosition(use.reference.getStart()).line + 1]);
  return functions.map((fn) => ({
    among: described(idUsesAmong(named, name, fn.body!, isConsoleCall)),
    byName: described(idUsesByName(name, fn.body!, isConsoleCall)),
  }));
}

describe('idUsesAmong', () => {
  const program = [
    'export function lookup(reqId: string, cache: Map<string, number>) {',
    '  console.log(`[${reqId}] lookup`);',
    '  const inner = (reqId: string) => cache.get(reqId);',
    '  const rid = reqId ?? "none";',
    '  if (rid === "admin") return inner("x");',
    '  return send({ reqId });',
    '}',
    'export function other(reqId: string, rows: Map<string, number>) {',
    '  return rows.get(reqId);',
    '}',
    'function send(body: object) { return body; }',
    // The same name outside any function that declares it: not a use of any parameter.
    'let reqId = "boot";',
    'counts.set(reqId, 1);',
  ];

  it('finds what idUsesByName finds, function by function', () => {
    const results = bothWays(program, 'reqId');
    expect(results).toHaveLength(3);
    for (const { among, byName } of results) expect(among).toEqual(byName);
    // The first function: the log, the local `rid` (compared with data), the shorthand in send's body;
    // not the shadowing arrow's key use, nor `other`'s.
    expect(results[0]!.among).toEqual([['log', 2], ['derived', 4], ['compare', 5], ['pass', 6]]);
    expect(results[2]!.among).toEqual([['pass', 9]]);
  });

  it('keeps the scan\u2019s verdicts: a key use under a shadowing function or in another function is not this parameter\u2019s', () => {
    const matches = scanFile({ path: '/p/f.ts', text: program.join('\n'), bom: false, eol: '\n', mode: 0o644 }, { traceParamNames: new Set(['reqId']), logScope: 'interpolated' });
    const params = (matches.matches ?? []).filter((m) => m.ruleId === 'trace-params').map((m) => `${m.scope.join('.')}:${m.start.line}`);
    // lookup's id is compared through its local: a business id, kept; the arrow's and other's are keys.
    expect(params).toEqual([]);
    const clean = ['export function lookup(reqId: string) {', '  console.log(`[${reqId}] lookup`);', '  const inner = (reqId: string) => cache.get(reqId);', '}', 'function other(reqId: string) { return rows.get(reqId); }'];
    const found = scanFile({ path: '/p/g.ts', text: clean.join('\n'), bom: false, eol: '\n', mode: 0o644 }, { traceParamNames: new Set(['reqId']), logScope: 'interpolated' });
    expect((found.matches ?? []).filter((m) => m.ruleId === 'trace-params').map((m) => `${m.scope.join('.')}:${m.start.line}`)).toEqual(['lookup:1']);
  });
});
