// Which edited files need no layout at all, in a project without a formatter (file-style mode).
// Most edits change one line that stays one line: a parameter dropped from a function's header, an
// argument from a call, a `console.log` that becomes a `log.info` on the same line. When such a
// line still fits the width, prettier would print it as the rules wrote it (the rules write the
// file's quotes, spacing and semicolons), so laying out the whole file is wasted work: about 7 ms a
// file, most of a large migration's format stage. This decides it from the original syntax tree:
// an edit qualifies when its line holds one whole statement (or member), or the one-line head of a
// statement whose block body starts at the end of that line, or when it removes or inserts whole
// one-line statements where prettier keeps the blank lines as they are, or when it is a
// `withTrace(…)` wrap whose own edits qualify (the lines it only moves deeper keep their author's
// layout). Anything else (an edit across lines, a comment on the line, JSX, CRLF text, a block on
// one line, a quote or semicolon or trailing comma the file's style would change) sends the file to
// prettier as before. Exactness is tested: a corpus and the example app give the same diff either
// way, but for the lines a wrap moved.
import { ts } from '../syntax/typescript.js';
import { isStatementList } from '../syntax/statement-lists.js';
import { applyEdits, type IndentedLines, type TextEdit } from '../syntax/text-edit.js';
import { parseForLayout, parsesCleanly } from './layout-tokens.js';

export interface WrittenInPlace {
  /** The lines the edits wrote: each must fit the width. */
  lines: string[];
  /** Lines prettier would join if they fit (an arrow's body below its head): each must not. */
  joined: string[];
  /**
   * The lines a `withTrace(…)` wrap moved one level deeper, as they read now: they keep their
   * author's layout, which prettier might change, and must only fit the width.
   */
  moved: string[];
}

/** The file's own style (fileStyleOptions): prettier would impose its quotes, semicolons and indentation on a written line. */
export interface WrittenStyle {
  singleQuote?: boolean;
  semi?: boolean;
  useTabs?: boolean;
  tabWidth?: number;
}

/**
 * The lines of the edited text the edits wrote, when every edit keeps the file's layout and only
 * the width is left to check (the caller knows the width); undefined when some edit may need a
 * formatter. `edits` are the file's edits against `file`'s text, `edited` their result.
 */
export function linesWrittenInPlace(file: ts.SourceFile, edits: readonly TextEdit[], edited: string, style: WrittenStyle): WrittenInPlace | undefined {
  if (file.text.includes('\r') || edits.length === 0) return undefined;
  const joined: JoinedRange[] = [];
  const byStart = (list: readonly TextEdit[]) => [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const sorted = byStart(edits);
  // A wrap's own edits are checked like any other, on the original text, as if it were not there.
  const unwrapped = byStart(withoutWraps(sorted));
  const indentUnit = style.useTabs ? '\t' : ' '.repeat(style.tabWidth ?? 2);
  const layout: Layout = { file, sorted: unwrapped, semi: style.semi !== false, indentUnit, joined };
  for (const edit of sorted) if (!keepsLayout(layout, edit)) return undefined;
  const ranges = [...new Map(joined.map((range) => [range.start, range])).values()];
  const asApplied = unwrapped.map((edit) => asWholeLines(file.text, edit) ?? edit);
  const wraps = sorted.flatMap(wrapsIn);
  // Inside a wrap, the lines its edits wrote are one level shallower here than in `edited`: `moved` has them as they read.
  const lines = [...writtenLines(asApplied, wraps.length > 0 ? applyEdits(file.text, unwrapped) : edited), ...wraps.flatMap(({ head, tail }) => [head, tail].map((text) => text.replace(/^\n|\n$/g, '')))];
  const moved = writtenLines(sorted, edited, (edit) => edit.indents !== undefined);
  // Prettier writes every string in the file's quote unless that needs more escapes: a line with the other quote, or an escaped one, goes to it.
  const otherQuote = style.singleQuote === false ? "'" : '"';
  if (lines.some((line) => line.includes(otherQuote) || /\\['"]/.test(line))) return undefined;
  // A trailing comma in a list on one line: prettier drops it.
  if (lines.some((line) => /,\s*[)\]}]/.test(line))) return undefined;
  return { lines, joined: ranges.map((range) => joinedLine(file, unwrapped, range)), moved };
}

/** The edits with each wrap replaced by the edits inside it, at any depth. */
function withoutWraps(edits: readonly TextEdit[]): TextEdit[] {
  return edits.flatMap((edit) => (edit.indents ? withoutWraps(edit.indents.inner) : [edit]));
}

/** The wraps among the edits and inside them, at any depth. */
function wrapsIn(edit: TextEdit): IndentedLines[] {
  return edit.indents ? [edit.indents, ...edit.indents.inner.flatMap(wrapsIn)] : [];
}

interface Layout {
  file: ts.SourceFile;
  sorted: readonly TextEdit[];
  /** The file's statements end with `;`. */
  semi: boolean;
  /** One level of the file's indentation. */
  indentUnit: string;
  /** Collects, as [start, end) ranges of the original, text prettier would join if it fit. */
  joined: JoinedRange[];
}

function keepsLayout(layout: Layout, edit: TextEdit): boolean {
  if (edit.indents) return wrapKeepsLayout(layout, edit.indents);
  const wholeLines = asWholeLines(layout.file.text, edit);
  return wholeLines ? wholeLinesKeepLayout(layout, wholeLines) : inLineEditKeepsLayout(layout, edit);
}

/**
 * A wrap moves whole lines one level deeper, between a head that opens an arrow's block at the end
 * of its line (`await withTrace({ … }, async () => {`) and `})`: prettier prints those two lines so
 * when they fit. The moved lines keep their author's layout: nothing about them is prettier's to
 * decide in a project without a formatter. So the wrap keeps the layout when it indents as the file
 * does, writes no comment, and every edit inside it keeps the layout.
 */
function wrapKeepsLayout(layout: Layout, wrap: IndentedLines): boolean {
  if (wrap.unit !== layout.indentUnit || /\/[/*]/.test(wrap.head + wrap.tail)) return false;
  if (!/\{\r?\n$/.test(wrap.head) || !/^\r?\n[ \t]*\}\);?$/.test(wrap.tail)) return false;
  return wrap.inner.every((edit) => keepsLayout(layout, edit));
}

// ── Edits inside a statement ──────────────────────────────────────────────────

function inLineEditKeepsLayout(layout: Layout, edit: TextEdit): boolean {
  const { file, joined } = layout;
  const unit = layoutUnitAround(file, edit.start, edit.end);
  if (!unit) return false;
  const start = unit.getStart(file);
  const line = lineOf(file, start);
  const lastLine = lineOf(file, unit.end);
  // The unit stands alone on its lines.
  if (file.text.slice(lineStartOf(file, line), start).trim() !== '' || file.text.slice(unit.end, lineEndOf(file, lastLine)).trim() !== '') return false;
  if ((isJsxFile(file) && edit.text.includes('<')) || !indentedAsNested(file, unit, layout.indentUnit)) return false;
  // A call that takes the whole statement (`console.log(…)` → `log.info(…)`): only the new text's layout counts.
  if (edit.start === start && /^;?$/.test(file.text.slice(edit.end, unit.end))) {
    const replacement = parseForLayout(file.fileName, edit.text);
    if (!parsesCleanly(replacement) || blockIn(replacement, replacement, 0, edit.text.length)) return false;
    const indent = indentationOf(lineTextOf(file, line));
    const laidOut = !edit.text.includes('\n') || isHuggedObjectCall(replacement, edit.text, indent, layout.indentUnit);
    return laidOut && endsAsTheFileDoes(layout, unit, renderRange(file, layout.sorted, start, unit.end));
  }
  const editLine = lineOf(file, edit.start);
  if (edit.text.includes('\n') || lineOf(file, edit.end) !== editLine) return false;
  // The lines whose layout stays must hold no comment, no JSX (whose layout has rules of its own)
  // and no block with statements (prettier breaks it over lines).
  const plain = (toLine: number) => {
    const [from, to] = [lineStartOf(file, line), lineEndOf(file, toLine)];
    return !commentIn(file, unit, from, to) && !(isJsxFile(file) && jsxIn(unit, from, to)) && !blockIn(file, unit, from, to);
  };
  if (lastLine === line) return plain(line) && endsAsTheFileDoes(layout, unit, renderRange(file, layout.sorted, start, unit.end));
  if (editLine === line && isOneLineHead(file, unit, edit, line)) return plain(line);
  const arrow = arrowWithBodyBelow(file, unit, line);
  const inHead = editLine === line && arrow !== undefined && edit.end <= arrow.equalsGreaterThanToken.getStart(file);
  const inBody = editLine === line + 1 && arrow !== undefined && arrow.body.getStart(file) <= edit.start && edit.end <= arrow.body.end;
  if (!(inHead || inBody) || !plain(lastLine) || !endsAsTheFileDoes(layout, unit, renderRange(file, layout.sorted, start, unit.end))) return false;
  joined.push({ start: lineStartOf(file, line), end: lineEndOf(file, lastLine) });
  return true;
}

/**
 * The statement's first line ends with an arrow's `=>` and the arrow's expression body takes the
 * next line, the last thing in the statement: `const f = async (a): Promise<T> =>⏎  body;`, or a
 * call's last argument, `notify(a, (err) =>⏎  err ? no() : yes(),⏎);`. Prettier keeps that layout
 * while head and body together do not fit on one line, which the caller checks on the joined text.
 */
function arrowWithBodyBelow(file: ts.SourceFile, unit: ts.Node, line: number): (ts.ArrowFunction & { body: ts.Expression }) | undefined {
  const lineEnd = lineEndOf(file, line);
  let arrow: ts.ArrowFunction | undefined;
  const visit = (node: ts.Node): void => {
    if (arrow || node.end <= lineEnd) return;
    if (ts.isArrowFunction(node) && node.equalsGreaterThanToken.end <= lineEnd && lineOf(file, node.equalsGreaterThanToken.end) === line) arrow = node;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(unit, visit);
  if (!arrow || ts.isBlock(arrow.body) || file.text.slice(arrow.equalsGreaterThanToken.end, lineEnd).trim() !== '') return undefined;
  const bodyLine = lineOf(file, arrow.body.getStart(file));
  if (bodyLine !== line + 1 || lineOf(file, arrow.body.end) !== bodyLine || lineOf(file, unit.end) > bodyLine + 1) return undefined;
  const tail = file.text.slice(arrow.body.end, unit.end);
  return /^,?\s*\)?;?$/.test(tail.replace(/\n\s*/, '')) ? (arrow as ts.ArrowFunction & { body: ts.Expression }) : undefined;
}

/**
 * `head(arg, …, {` then one property per line, each one line long and followed by a comma, then
 * `})`: how the log rules break a call whose fields do not fit. Prettier keeps an object literal
 * broken when a line break follows its `{`, and hugs it as the last argument; the first line and
 * the properties are then what it prints, when they fit (the caller checks the width).
 */
function isHuggedObjectCall(parsed: ts.SourceFile, text: string, indent: string, indentUnit: string): boolean {
  if (parsed.statements.length !== 1) return false;
  const statement = parsed.statements[0]!;
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const call = statement.expression;
  const object = call.arguments[call.arguments.length - 1];
  if (!object || !ts.isObjectLiteralExpression(object) || !object.properties.hasTrailingComma) return false;
  const lines = text.split('\n');
  const at = (node: ts.Node) => lineOf(parsed, node.getStart(parsed));
  if (at(object) !== 0 || lineOf(parsed, object.end) !== lines.length - 1 || lines[lines.length - 1]!.trim() !== '})') return false;
  if (!lines[0]!.endsWith('{') || call.arguments.slice(0, -1).some((arg) => lineOf(parsed, arg.end) !== 0)) return false;
  if (object.properties.length !== lines.length - 2 || indentationOf(lines[lines.length - 1]!) !== indent) return false;
  const inner = indent + indentUnit;
  return object.properties.every((property, i) => at(property) === i + 1 && lineOf(parsed, property.end) === i + 1 && indentationOf(lines[i + 1]!) === inner);
}

/**
 * The edit lies in the head of a statement whose block body opens at the end of the line (a
 * function's signature, an `if (…) {`, `app.get('/x', (req, res) => {`), and after the block
 * closes only `)`, `,` or `;` follow. Prettier prints such a head on its own line whenever it
 * fits, whatever the body holds.
 */
function isOneLineHead(file: ts.SourceFile, unit: ts.Node, edit: TextEdit, line: number): boolean {
  const body = firstBlockAfter(unit, edit.end, file);
  if (!body || lineOf(file, body.getStart(file)) !== line) return false;
  const open = body.getStart(file);
  if (file.text.slice(open + 1, lineEndOf(file, line)).trim() !== '') return false;
  return /^[\s);,]*$/.test(file.text.slice(body.end, unit.end));
}

function firstBlockAfter(root: ts.Node, position: number, file: ts.SourceFile): ts.Block | undefined {
  let found: ts.Block | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end <= position) return;
    if (ts.isBlock(node) && node.getStart(file) >= position) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}

/**
 * Each statement from `unit` outwards starts one indentation level deeper than the line that opens
 * its block (at the left margin at top level), as prettier indents it: a line the author indented
 * otherwise would move.
 */
function indentedAsNested(file: ts.SourceFile, unit: ts.Node, indentUnit: string): boolean {
  let child = unit;
  for (let holder = unit.parent; holder; child = holder, holder = holder.parent) {
    const opening = openingOf(file, holder);
    if (opening === undefined) continue;
    if (ts.isBlock(holder) && (ts.isArrowFunction(holder.parent) || ts.isFunctionExpression(holder.parent)) && !isPlainCallbackBody(file, holder)) return false;
    const expected = ts.isSourceFile(holder) ? '' : indentationOf(lineTextOf(file, lineOf(file, opening))) + indentUnit;
    if (indentationOf(lineTextOf(file, lineOf(file, child.getStart(file)))) !== expected) return false;
  }
  return true;
}

/**
 * A callback's block whose `{` ends its line and whose `}` line holds nothing but closing `)`, `,`
 * and `;` (`list.map((x) => {` … `});`), or simple arguments after a first-argument callback
 * (`setTimeout(() => {` … `}, 1);`). After `}).finally(() =>` a chain follows, which prettier may
 * lay out anew, moving the block's statements with it.
 */
function isPlainCallbackBody(file: ts.SourceFile, block: ts.Block): boolean {
  const open = block.getStart(file);
  const closeLine = lineOf(file, block.end);
  // `})`, `});`, `}),` — or a first-argument callback's simple arguments after it: `}, 1);`.
  return lineTextOf(file, lineOf(file, open)).trimEnd().endsWith('{') && /^\}(,\s*[^.(){}[\]]+\))?[\s);,]*$/.test(file.text.slice(block.end - 1, lineEndOf(file, closeLine)));
}

/** Where a statement list or member list opens (its `{`, or `case …:`); undefined for any other node. */
function openingOf(file: ts.SourceFile, node: ts.Node): number | undefined {
  if (ts.isSourceFile(node)) return 0;
  if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseOrDefaultClause(node)) return node.getStart(file);
  if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) return file.text.lastIndexOf('{', node.members.pos);
  return undefined;
}

/** The innermost statement or class/interface member around [start, end). */
function layoutUnitAround(file: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let unit: ts.Node | undefined;
  let node: ts.Node = file;
  for (;;) {
    const child = ts.forEachChild(node, (c) => (c.getStart(file) <= start && end <= c.end ? c : undefined));
    if (!child) return unit;
    if (isLayoutUnit(child)) unit = child;
    node = child;
  }
}

function isLayoutUnit(node: ts.Node): boolean {
  const parent = node.parent;
  if (isStatementList(parent)) return true;
  if ((ts.isClassLike(parent) && ts.isClassElement(node)) || (ts.isInterfaceDeclaration(parent) && ts.isTypeElement(node))) return true;
  return ts.isIfStatement(node) && ts.isIfStatement(parent) && parent.elseStatement === node;
}

// ── Edits of whole lines ──────────────────────────────────────────────────────

/**
 * The edit as one that removes or inserts whole lines, from line start to line start (or the end of
 * the text), when it is one: the runtime import is inserted as `\nimport …` at the end of the line
 * before, and a removed statement may take the line break before it instead of its own.
 */
function asWholeLines(text: string, edit: TextEdit): TextEdit | undefined {
  const atLineStart = (offset: number) => offset === 0 || text[offset - 1] === '\n';
  const atLineEnd = (offset: number) => offset === text.length || text[offset] === '\n';
  if (atLineStart(edit.start) && (edit.text === '' || edit.text.endsWith('\n'))) {
    if (edit.start === edit.end ? edit.text !== '' : edit.end === text.length || atLineStart(edit.end)) return edit;
  }
  if (edit.start < text.length && atLineEnd(edit.start) && atLineEnd(edit.end) && (edit.text === '' || edit.text.startsWith('\n'))) {
    if (edit.start === edit.end && edit.text === '') return undefined;
    const shifted = { ...edit, start: edit.start + 1, end: Math.min(edit.end + 1, text.length), text: edit.text === '' ? '' : `${edit.text.slice(1)}\n` };
    return shifted.end === text.length && text[text.length - 1] !== '\n' && shifted.text !== '' ? undefined : shifted;
  }
  return undefined;
}

function wholeLinesKeepLayout(layout: Layout, edit: TextEdit): boolean {
  const { file } = layout;
  const container = containerOf(file, edit.start, edit.end);
  if (!container) return false;
  if (edit.end > edit.start) {
    if (commentIn(file, container, edit.start, edit.end) || !removesWholeChildren(file, container, edit)) return false;
  }
  if (edit.text !== '') return isStatementList(container) && insertsOneLineStatements(layout, edit);
  // Prettier keeps one blank line between statements and none at a block's edges: a removal must
  // not leave two blank lines together, or one right after `{` or right before `}`.
  const before = edit.start === 0 ? undefined : lineTextOf(file, lineOf(file, edit.start) - 1);
  const after = edit.end >= file.text.length ? undefined : lineTextOf(file, lineOf(file, edit.end));
  const opens = before === undefined || before.trim() === '' || /[{([]\s*$/.test(before);
  const closes = after === undefined || after.trim() === '' || /^\s*[})\]]/.test(after);
  return !(opens && closes);
}

/** The statement list or class/interface body that holds [start, end), or undefined for anything else. */
function containerOf(file: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let node: ts.Node = file;
  for (;;) {
    const child = ts.forEachChild(node, (c) => (c.getStart(file) < start && end < c.end ? c : undefined));
    if (!child) break;
    node = child;
  }
  return isStatementList(node) || ts.isClassLike(node) || ts.isInterfaceDeclaration(node) ? node : undefined;
}

/** Every statement or member the removal touches lies inside it. */
function removesWholeChildren(file: ts.SourceFile, container: ts.Node, edit: TextEdit): boolean {
  const children = isStatementList(container) ? container.statements : ts.isClassLike(container) ? container.members : (container as ts.InterfaceDeclaration).members;
  for (const child of children) {
    const start = child.getStart(file);
    if (child.end <= edit.start || start >= edit.end) continue;
    if (start < edit.start || child.end > edit.end) return false;
  }
  return true;
}

/**
 * The inserted text (into a statement list) is one-line statements at the indentation of the code
 * around it; a blank line may separate them, or follow them when the next line is code.
 */
function insertsOneLineStatements(layout: Layout, edit: TextEdit): boolean {
  const { file } = layout;
  const inserted = parseForLayout(file.fileName, edit.text);
  if (!parsesCleanly(inserted) || commentIn(inserted, inserted, 0, edit.text.length)) return false;
  const lines = edit.text.slice(0, -1).split('\n');
  const blank = lines.map((line) => line.trim() === '');
  if (blank.some((b, i) => b && blank[i + 1])) return false;
  if (blank[0]) {
    const previous = edit.start > 0 ? lineTextOf(file, lineOf(file, edit.start) - 1) : '';
    if (previous.trim() === '' || /[{([]\s*$/.test(previous)) return false;
  }
  if (blank[blank.length - 1]) {
    const next = edit.end < file.text.length ? lineTextOf(file, lineOf(file, edit.end)) : '';
    if (next.trim() === '' || /^\s*[})\]]/.test(next)) return false;
  }
  const codeLines = lines.map((line, i) => ({ line, i })).filter(({ i }) => !blank[i]);
  if (codeLines.length !== inserted.statements.length) return false;
  const indent = indentationAt(file, edit);
  return inserted.statements.every((statement, n) => {
    const { line, i } = codeLines[n]!;
    const oneLine = lineOf(inserted, statement.getStart(inserted)) === i && lineOf(inserted, statement.end) === i;
    return oneLine && indentationOf(line) === indent && endsAsTheFileDoes(layout, statement, statement.getText(inserted));
  });
}

/** The indentation the statements next to the edit have (the next line's, else the previous line's). */
function indentationAt(file: ts.SourceFile, edit: TextEdit): string {
  const next = edit.end < file.text.length ? lineTextOf(file, lineOf(file, edit.end)) : '';
  const previous = edit.start > 0 ? lineTextOf(file, lineOf(file, edit.start) - 1) : '';
  const reference = next.trim() !== '' && !/^\s*[})\]]/.test(next) ? next : previous.trim() !== '' && !/[{([]\s*$/.test(previous) ? previous : '';
  return indentationOf(reference);
}

// ── Shared ────────────────────────────────────────────────────────────────────

/**
 * A comment in [from, to) of `root`. Literals are nodes, so the text between nodes holds only
 * punctuation, keywords and trivia: a `//` or `/*` there is a comment. (Walking tokens with
 * getChildren would be simpler, but it creates and keeps a node per token on the program's trees.)
 */
function commentIn(file: ts.SourceFile, root: ts.Node, from: number, to: number): boolean {
  const gapHasComment = (start: number, end: number) => {
    const [a, b] = [Math.max(start, from), Math.min(end, to)];
    return a < b && /\/[/*]/.test(file.text.slice(a, b));
  };
  const visit = (node: ts.Node): boolean => {
    if (node.end <= from || node.pos >= to) return false;
    // A token (an identifier, a string, a template part) is text, not a gap.
    if (node.kind <= ts.SyntaxKind.LastToken) return false;
    let cursor = node.getStart(file);
    const found = ts.forEachChild(node, (child) => {
      if (gapHasComment(cursor, child.getStart(file)) || visit(child)) return true;
      cursor = child.end;
      return undefined;
    });
    return found === true || gapHasComment(cursor, node.end);
  };
  return visit(root);
}

function isJsxFile(file: ts.SourceFile): boolean {
  return file.languageVariant === ts.LanguageVariant.JSX;
}

function jsxIn(root: ts.Node, from: number, to: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.end <= from || node.pos >= to) return;
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * A block with statements, a class body with members, a `switch` or a namespace body, lying
 * wholly within [from, to): on one line, prettier would break it over lines.
 */
function blockIn(file: ts.SourceFile, root: ts.Node, from: number, to: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || node.end <= from || node.pos >= to) return;
    const breaks = (ts.isBlock(node) && node.statements.length > 0) || (ts.isClassLike(node) && node.members.length > 0) || ts.isCaseBlock(node) || ts.isModuleBlock(node);
    if (breaks && node.getStart(file) >= from && node.end <= to) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function indentationOf(line: string): string {
  return line.slice(0, line.length - line.trimStart().length);
}

interface JoinedRange {
  start: number;
  end: number;
}

/** The original text of [start, end) with the edits inside it applied. */
function renderRange(file: ts.SourceFile, sorted: readonly TextEdit[], start: number, end: number): string {
  let out = '';
  let cursor = start;
  for (const edit of sorted) {
    if (edit.start < start || edit.end > end) continue;
    out += file.text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + file.text.slice(cursor, end);
}

/** The original lines of `range`, edited, on one line as prettier would print them flat. */
function joinedLine(file: ts.SourceFile, sorted: readonly TextEdit[], range: JoinedRange): string {
  // `=>⏎  body,⏎);` → `=> body);`: the break after `=>` becomes a space, the hugged argument's comma goes.
  const [head, body, close] = renderRange(file, sorted, range.start, range.end).split('\n');
  const joined = `${head!.trimEnd()} ${body!.trim()}`;
  return close === undefined ? joined : `${joined.replace(/,$/, '')}${close.trim()}`;
}

/**
 * A statement or member that prettier ends with `;` in a file with semicolons (and without one in a
 * file without) ends so as `text`; without semicolons, it also does not start with what would need
 * a leading `;` (`(`, `[`, a template).
 */
function endsAsTheFileDoes(layout: Layout, unit: ts.Node, text: string): boolean {
  const trimmed = text.trim();
  if (!layout.semi && /^[([`+\-/]/.test(trimmed)) return false;
  if (!takesSemicolon(unit)) return true;
  return trimmed.endsWith(';') === layout.semi && !trimmed.endsWith(',');
}

function takesSemicolon(node: ts.Node): boolean {
  return (
    ts.isExpressionStatement(node) ||
    ts.isVariableStatement(node) ||
    ts.isReturnStatement(node) ||
    ts.isThrowStatement(node) ||
    ts.isImportDeclaration(node) ||
    ts.isImportEqualsDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    ts.isExportAssignment(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isBreakStatement(node) ||
    ts.isContinueStatement(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isPropertySignature(node) ||
    ts.isMethodSignature(node) ||
    ts.isIndexSignatureDeclaration(node) ||
    ts.isCallSignatureDeclaration(node) ||
    ts.isConstructSignatureDeclaration(node)
  );
}

/**
 * The lines of `edited` that hold text an edit wrote (an edit that only removes within a line: that
 * line), of the edits `counts` picks (all by default; the others still shift the text).
 */
function writtenLines(sorted: readonly TextEdit[], edited: string, counts: (edit: TextEdit) => boolean = () => true): string[] {
  const all = edited.split('\n');
  // Edits are in order, so their places in `edited` are too: count line breaks as they go by.
  let counted = 0;
  let linesBefore = 0;
  const lineAt = (offset: number) => {
    for (let i = edited.indexOf('\n', counted); i >= 0 && i < offset; i = edited.indexOf('\n', i + 1)) {
      linesBefore++;
      counted = i + 1;
    }
    return linesBefore;
  };
  const lines = new Set<number>();
  let shift = 0;
  for (const edit of sorted) {
    const start = edit.start + shift;
    shift += edit.text.length - (edit.end - edit.start);
    if (!counts(edit)) continue;
    if (edit.text === '' && edit.start !== edit.end && (start === 0 || edited[start - 1] === '\n')) continue; // whole lines removed
    const first = lineAt(start);
    const last = lineAt(edit.text.endsWith('\n') ? start + edit.text.length - 1 : start + edit.text.length);
    for (let line = first; line <= last; line++) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b).map((line) => all[line]!);
}

function lineOf(file: ts.SourceFile, position: number): number {
  return file.getLineAndCharacterOfPosition(position).line;
}

function lineStartOf(file: ts.SourceFile, line: number): number {
  return file.getLineStarts()[line]!;
}

function lineEndOf(file: ts.SourceFile, line: number): number {
  const next = file.getLineStarts()[line + 1];
  return next === undefined ? file.text.length : next - 1;
}

function lineTextOf(file: ts.SourceFile, line: number): string {
  return file.text.slice(lineStartOf(file, line), lineEndOf(file, line));
}
