// layoutTokens scans the gaps between a node's children itself instead of asking getChildren
// (which creates a node per token). getChildren is the reference: here it is, as layoutTokens was
// written over it, and both must list the same tokens, positions, keys and soft marks — on tricky
// snippets and on every source file of the fixtures.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutTokens, parseForLayout, type LayoutToken } from '../../src/format/layout-tokens.js';
import { ts } from '../../src/syntax/typescript.js';

const SOFT = new Set([ts.SyntaxKind.SemicolonToken, ts.SyntaxKind.CommaToken, ts.SyntaxKind.OpenParenToken, ts.SyntaxKind.CloseParenToken]);

/** The tokens as getChildren lists them (layoutTokens before it scanned the gaps itself). */
function referenceTokens(file: ts.SourceFile): LayoutToken[] {
  const tokens: LayoutToken[] = [];
  const visit = (node: ts.Node, owner: ts.Node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && node.expression.text.trim() === '') return;
    const children = node.getChildren(file);
    if (children.length === 0 || ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isJsxText(node)) {
      push(node, owner);
      return;
    }
    const nextOwner = node.kind === ts.SyntaxKind.SyntaxList ? owner : node;
    for (const child of children) visit(child, nextOwner);
  };
  const push = (node: ts.Node, owner: ts.Node) => {
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
    const soft = SOFT.has(node.kind) || (node.kind === ts.SyntaxKind.BarToken && ts.isUnionTypeNode(owner)) || (node.kind === ts.SyntaxKind.AmpersandToken && ts.isIntersectionTypeNode(owner));
    if (ts.isJsxText(node)) {
      for (const match of node.text.matchAll(/\S+/g)) tokens.push({ start: node.pos + match.index, end: node.pos + match.index + match[0].length, key: `x:${match[0]}`, soft: false });
      return;
    }
    tokens.push({ start: node.getStart(file), end: node.end, key: keyOf(node, owner), soft });
  };
  const keyOf = (node: ts.Node, owner: ts.Node): string => {
    const isPropertyName =
      (ts.isPropertyAssignment(owner) || ts.isPropertySignature(owner) || ts.isPropertyDeclaration(owner) || ts.isMethodDeclaration(owner) || ts.isEnumMember(owner)) && owner.name === node;
    if (ts.isStringLiteral(node)) return isPropertyName ? `w:${node.text}` : `s:${node.text}`;
    if (ts.isNumericLiteral(node)) return `n:${Number(node.text.replace(/_/g, ''))}`;
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return `w:${node.text}`;
    return `p:${node.getText(file)}`;
  };
  visit(file, file);
  return tokens;
}

function expectSameAsReference(path: string, text: string): void {
  // Separate trees: getChildren caches its nodes on the tree it walks.
  expect(layoutTokens(parseForLayout(path, text)), path).toEqual(referenceTokens(parseForLayout(path, text)));
}

const SNIPPETS: Record<string, string> = {
  'empty-lists.ts': 'f();\nfunction g() {}\nconst a = [];\nconst o = {};\nclass C {}\nnew D;\n',
  'omitted.ts': 'const [, second, , fourth] = list;\nconst sparse = [1, , 3];\n',
  'generics.ts': 'let m: Map<string, Array<Set<number>>> = new Map<string, Array<Set<number>>>();\nconst x = a >> b >>> c;\n',
  'templates.ts': 'const t = `a ${b} c ${`inner ${d}`} e`;\nconst tagged = sql`select ${id}`;\nconst plain = `none`;\n',
  'regex.ts': 'const r = /a\\/b[/]c/gi.test(s) ? x / y / z : /=/;\n',
  'jsdoc.ts': '/** The answer. @param a first */\nexport function f(/** inline */ a: number, b = 1): number {\n  // line\n  return a + b; /* block */\n}\n/** last */\n',
  'types.ts': "type U = | 'a' | 'b';\ntype I = & A & B;\ninterface K { 'quoted': 1; [key: string]: unknown; m?(): void }\nenum E { A = 1, 'B' = 2 }\n",
  'classes.ts': '@dec() class A<T> extends B<T> implements C { #p = 1; static { init(); } constructor(private readonly x: T) { super(); } get v() { return this.#p; } }\n',
  'misc.ts': "label: for (const [k, v] of Object.entries({ 'a-b': 1, c, ...d })) { if (!k) continue label; }\nx ??= y?.z?.[0]?.(1_000, 0x1f, 1e3);\nexport * as ns from './m';\nimport type { T } from './t';\n",
  'arrows.ts': 'const f = async <T,>(a: T, ...rest: T[]): Promise<void> => { await g(a); };\nconst h = (x) => ({ x });\n',
  'view.tsx': 'export const V = () => (\n  <div className="a" {...props}>\n    text {" "}\n    {items.map((i) => <Item key={i} />)}\n    <></>\n  </div>\n);\n',
  'plain.js': 'const el = <b>hi</b>;\nmodule.exports = { el };\n',
  'crlf.ts': 'const a = 1;\r\nif (a) {\r\n  f(a);\r\n}\r\n',
  'unicode.ts': "const naïve = '日本'; // é\nconst \\u0061b = 1;\n",
  'shebang.js': '#!/usr/bin/env node\nconsole.log(1);\n',
};

describe('layoutTokens lists what getChildren lists', () => {
  for (const [name, text] of Object.entries(SNIPPETS)) {
    it(name, () => expectSameAsReference(name, text));
  }

  it('on every source file of the fixtures', () => {
    const files: string[] = [];
    const collect = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === 'node_modules') continue;
        if (statSync(path).isDirectory()) collect(path);
        else if (/\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
      }
    };
    collect(new URL('../../fixtures/', import.meta.url).pathname);
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) expectSameAsReference(path, readFileSync(path, 'utf8'));
  });
});
