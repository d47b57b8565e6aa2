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

/**
 * The file's tokens in order: the tree's own token nodes, and the punctuation and keywords between
 * them (`(`, `;`, `=>`), scanned from the gaps between a node's children. That is what getChildren
 * would list, token for token (an empty list counts as an empty token, as its empty SyntaxList
 * does), without creating a node per token and a list per NodeArray (test/format/layout-tokens
 * holds getChildren as the reference).
 */
export function layoutTokens(file: ts.SourceFile): LayoutToken[] {
  const collector = new TokenCollector(file);
  gapScanner.setText(file.text);
  try {
    collector.visit(file, file);
  } finally {
    gapScanner.setText(undefined);
  }
  return collector.tokens;
}

/** Collects one file's tokens: the nodes' own tokens (visit), and the punctuation between them (scanGap). */
class TokenCollector {
  readonly tokens: LayoutToken[] = [];
  private readonly text: string;

  constructor(private readonly file: ts.SourceFile) {
    this.text = file.text;
  }

  visit(node: ts.Node, owner: ts.Node): void {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    if (ts.isJsxExpression(node) && node.expression && ts.isStringLiteral(node.expression) && node.expression.text.trim() === '') return; // prettier's {" "}
    // Token kinds (identifiers and literals included) have no children.
    if (node.kind < ts.SyntaxKind.FirstNode) {
      this.push(node, owner);
      return;
    }
    let children = 0;
    let pos = node.pos;
    for (const doc of (node as { jsDoc?: readonly ts.Node[] }).jsDoc ?? []) {
      children += this.scanGap(pos, doc.pos, node) + 1;
      pos = doc.end;
    }
    pos = node.pos;
    ts.forEachChild(
      node,
      (child) => {
        children += this.scanGap(pos, child.pos, node) + 1;
        this.visit(child, node);
        pos = child.end;
      },
      (list) => {
        children += this.scanGap(pos, list.pos, node) + 1;
        this.visitList(list, node);
        pos = list.end;
      },
    );
    children += this.scanGap(pos, node.end, node);
    if (children === 0) this.push(node, owner);
  }

  /** A NodeArray's elements and the separators between them; an empty list is a token of its own. */
  private visitList(list: ts.NodeArray<ts.Node>, owner: ts.Node): void {
    let listed = 0;
    let at = list.pos;
    for (const element of list) {
      listed += this.scanGap(at, element.pos, owner) + 1;
      this.visit(element, owner);
      at = element.end;
    }
    listed += this.scanGap(at, list.end, owner);
    if (listed === 0) this.emptyList(list);
  }

  private push(node: ts.Node, owner: ts.Node): void {
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
    if (ts.isJsxText(node)) {
      // Words survive re-wrapping; the whitespace between them does not.
      for (const match of node.text.matchAll(/\S+/g)) this.tokens.push({ start: node.pos + match.index, end: node.pos + match.index + match[0].length, key: `x:${match[0]}`, soft: false });
      return;
    }
    this.tokens.push({ start: node.getStart(this.file), end: node.end, key: keyOf(node, owner, this.file), soft: isSoft(node.kind, owner) });
  }

  /** Scans [pos, end) of `parent` (a gap between its children); returns how many tokens it found. */
  private scanGap(pos: number, end: number, parent: ts.Node): number {
    let found = 0;
    gapScanner.resetTokenState(pos);
    while (pos < end) {
      const kind = gapScanner.scan();
      const tokenEnd = gapScanner.getTokenEnd();
      if (tokenEnd <= end) {
        if (kind === ts.SyntaxKind.Identifier) throw new Error(`layout tokens: an identifier in the trivia of ${ts.SyntaxKind[parent.kind]}`);
        found++;
        if (kind !== ts.SyntaxKind.EndOfFileToken) {
          const start = gapScanner.getTokenStart();
          this.tokens.push({ start, end: tokenEnd, key: `p:${this.text.slice(start, tokenEnd)}`, soft: isSoft(kind, parent) });
        }
      }
      pos = tokenEnd;
      if (kind === ts.SyntaxKind.EndOfFileToken) break;
    }
    return found;
  }

  /** An empty list is a token of its own (its empty SyntaxList), where its first token would start. */
  private emptyList(list: ts.NodeArray<ts.Node>): void {
    let start = list.pos;
    if (list.end !== list.pos) {
      gapScanner.resetTokenState(list.pos);
      gapScanner.scan();
      start = gapScanner.getTokenStart();
    }
    this.tokens.push({ start, end: list.end, key: `p:${this.text.substring(start, list.end)}`, soft: false });
  }
}

/** Scans the text between a node's children, as getChildren does (trivia skipped, standard variant). */
const gapScanner = ts.createScanner(ts.ScriptTarget.Latest, true);

function isSoft(kind: ts.SyntaxKind, owner: ts.Node): boolean {
  return (
    SOFT.has(kind) ||
    (kind === ts.SyntaxKind.BarToken && ts.isUnionTypeNode(owner)) ||
    (kind === ts.SyntaxKind.AmpersandToken && ts.isIntersectionTypeNode(owner))
  );
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
