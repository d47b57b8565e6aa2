// The tokens of a file as a formatter sees them: respellings (quotes, `1.0`, `'key':`) share a key,
// and the tokens a formatter may add or drop (`;`, `,`, `(`, `)`, a union's leading `|`) are
// marked `soft`, so the same program printed two ways has the same hard tokens. Used to line up a
// file with its formatted twin (all tokens, so a `)` alone on a line is placed too), and to prove
// that spliced text is still the program the edits made (hard tokens).
import { ts } from '../syntax/typescript.js';

export interface LayoutToken {
  /** Offset of the token's first character (trivia excluded). */
  start: number;
  end: number;
  /** What the token is, independent of layout: `w:name`, `s:value`, `n:42`, `p:{`… */
  key: string;
  /** A token a formatter may add or drop: `;`, `,`, `(`, `)`, a union's leading `|`. */
  soft: boolean;
}

const SOFT = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.CloseParenToken,
]);

export function scriptKindOf(path: string): ts.ScriptKind {
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  if (/\.[cm]?ts$/.test(path)) return ts.ScriptKind.TS;
  // Plain .js may hold JSX (React projects): parse it as JSX, which accepts plain JS too.
  return ts.ScriptKind.JSX;
}

export function parseForLayout(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindOf(path));
}

/** Whether the text parses (the parser's own diagnostics; no type information). */
export function parsesCleanly(file: ts.SourceFile): boolean {
  const diagnostics = (file as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  return (diagnostics?.length ?? 0) === 0;
}

export function layoutTokens(file: ts.SourceFile): LayoutToken[] {
  const tokens: LayoutToken[] = [];
  const visit = (node: ts.Node, owner: ts.Node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && node.expression.text.trim() === '') return; // prettier's {" "}
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
    const soft =
      SOFT.has(node.kind) ||
      (node.kind === ts.SyntaxKind.BarToken && ts.isUnionTypeNode(owner)) ||
      (node.kind === ts.SyntaxKind.AmpersandToken && ts.isIntersectionTypeNode(owner));
    const start = node.getStart(file);
    if (ts.isJsxText(node)) {
      // Words survive re-wrapping; the whitespace between them does not.
      for (const match of node.text.matchAll(/\S+/g)) tokens.push({ start: node.pos + match.index, end: node.pos + match.index + match[0].length, key: `x:${match[0]}`, soft: false });
      return;
    }
    tokens.push({ start, end: node.end, key: keyOf(node, owner, file), soft });
  };
  visit(file, file);
  return tokens;
}

function keyOf(node: ts.Node, owner: ts.Node, file: ts.SourceFile): string {
  if (ts.isStringLiteral(node)) return isPropertyName(node, owner) ? `w:${node.text}` : `s:${node.text}`;
  if (ts.isNumericLiteral(node)) return `n:${Number(node.text.replace(/_/g, ''))}`;
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return `w:${node.text}`;
  return `p:${node.getText(file)}`;
}

/** `{ 'a': 1 }` and `{ a: 1 }` are the same key: prettier's quoteProps adds and drops those quotes. */
function isPropertyName(node: ts.Node, owner: ts.Node): boolean {
  return (
    (ts.isPropertyAssignment(owner) || ts.isPropertySignature(owner) || ts.isPropertyDeclaration(owner) || ts.isMethodDeclaration(owner) || ts.isEnumMember(owner)) &&
    owner.name === node
  );
}

/** Same program text up to layout: equal hard token keys in order. */
export function sameTokens(a: readonly LayoutToken[], b: readonly LayoutToken[]): boolean {
  const hardA = a.filter((t) => !t.soft);
  const hardB = b.filter((t) => !t.soft);
  return hardA.length === hardB.length && hardA.every((token, i) => token.key === hardB[i]!.key);
}
