// Which edits keep a file's layout, so that file-style mode can leave the file as the rules wrote
// it: one-line statements, one-line heads of block bodies, an arrow's head above its body, the
// log rules' broken fields object, whole one-line statements removed or inserted. Everything else
// goes to prettier.
import { describe, expect, it } from 'vitest';
import { ts } from '../../src/syntax/typescript.js';
import { applyEdits, type TextEdit } from '../../src/syntax/text-edit.js';
import { linesWrittenInPlace } from '../../src/format/lines-written-in-place.js';
import { FileEdits } from '../../src/syntax/file-edits.js';

/** Replaces the `occurrence`-th `find` in `text` (an insertion when `find` is `^` followed by the anchor). */
function replace(text: string, find: string, replacement: string, occurrence = 1): TextEdit {
  let start = -1;
  for (let i = 0; i < occurrence; i++) start = text.indexOf(find, start + 1);
  if (start < 0) throw new Error(`not found: ${find}`);
  return { file: '/p/f.ts', start, end: start + find.length, text: replacement, owners: [] };
}

function insertAt(offset: number, inserted: string): TextEdit {
  return { file: '/p/f.ts', start: offset, end: offset, text: inserted, owners: [] };
}

function check(lines: string[], edits: (text: string) => TextEdit[], fileName = '/p/f.ts', style = { singleQuote: true, semi: true, tabWidth: 2 }) {
  const text = lines.join('\n');
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const list = edits(text);
  return linesWrittenInPlace(file, list, applyEdits(text, list), style);
}

describe('linesWrittenInPlace', () => {
  it('keeps a one-line statement and a function head, and returns the lines they became', () => {
    const result = check(
      ['export async function get(id: string, reqId: string): Promise<Row> {', '  const row = await repo.find(id, reqId);', "  console.log(`[${reqId}] got ${id}`);", '  return row;', '}', ''],
      (t) => [replace(t, ', reqId: string', ''), replace(t, ', reqId)', ')'), replace(t, "console.log(`[${reqId}] got ${id}`)", "log.info('got {id}', { id })")],
    );
    expect(result).toEqual({
      lines: ['export async function get(id: string): Promise<Row> {', '  const row = await repo.find(id);', "  log.info('got {id}', { id });"],
      joined: [],
      moved: [],
    });
  });

  it('sends a line of a broken call, a member chain or a multi-line head to the formatter', () => {
    const brokenCall = ['run(', '  a,', '  reqId,', ');', ''];
    expect(check(brokenCall, (t) => [replace(t, '  reqId,\n', '')])).toBeUndefined();
    const chain = ['const rows = await repo.query(q, reqId)', '  .then((r) => r.rows);', ''];
    expect(check(chain, (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    const head = ['function f(', '  id: string,', '  reqId: string,', ') {', '  return id;', '}', ''];
    expect(check(head, (t) => [replace(t, '  reqId: string,\n', '')])).toBeUndefined();
    // A head whose block is followed by more than `)`/`;` (an `else`, a second callback).
    const ifElse = ['if (check(reqId)) {', '  a();', '} else {', '  b();', '}', ''];
    expect(check(ifElse, (t) => [replace(t, 'reqId', '')])).toBeUndefined();
  });

  it('refuses a line with a comment, two statements on one line, JSX, or CRLF line ends', () => {
    expect(check(['f(a, reqId); // keep', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['f(a, /* id */ reqId);', ''], (t) => [replace(t, ', /* id */ reqId', '')])).toBeUndefined();
    expect(check(['f(a, reqId); g(b);', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['f(a, reqId, () => { /* nothing */ });', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['f(a, reqId, /* none */);', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['const el = <Row id={id} req={reqId} />;', ''], (t) => [replace(t, ' req={reqId}', '')], '/p/f.tsx')).toBeUndefined();
    expect(check(['f(a, reqId);\r', 'g();\r', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    // A block with statements on one line: prettier breaks it.
    expect(check(['if (ok(reqId)) { done(); }', ''], (t) => [replace(t, 'reqId', '')])).toBeUndefined();
    expect(check(['f(a, reqId, () => { g(); });', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['f(a, reqId, () => {});', ''], (t) => [replace(t, ', reqId', '')])?.lines).toEqual(['f(a, () => {});']);
    // A statement indented otherwise than its block says: prettier moves it.
    expect(check(['p.catch((e) => {', '    f(e, reqId);', '});', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['p.catch((e) => {', '  f(e, reqId);', '});', ''], (t) => [replace(t, ', reqId', '')])?.lines).toEqual(['  f(e);']);
    // A callback followed by more of a chain: prettier may break the chain and indent the block deeper.
    expect(check(['p.catch((e) => {', '  f(e, reqId);', '}).finally(() => g());', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['setTimeout(() => {', '  f(e, reqId);', '}, 10);', ''], (t) => [replace(t, ', reqId', '')])?.lines).toEqual(['  f(e);']);
    // A trailing comma in a list on one line: prettier drops it.
    expect(check(['f(a, reqId, b,);', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    // `//` inside a string or template literal is no comment.
    expect(check(["f('https://x.test/a', reqId);", ''], (t) => [replace(t, ', reqId', '')])?.lines).toEqual(["f('https://x.test/a');"]);
  });

  it('keeps an arrow head above its body, asking that the two joined would not fit', () => {
    const arrow = ['export const count = async (repo: Store, reqId: string): Promise<number> =>', '  (await repo.query({}, reqId)).length;', ''];
    expect(check(arrow, (t) => [replace(t, ', reqId: string', ''), replace(t, ', reqId)', ')')])).toEqual({
      lines: ['export const count = async (repo: Store): Promise<number> =>', '  (await repo.query({})).length;'],
      joined: ['export const count = async (repo: Store): Promise<number> => (await repo.query({})).length;'],
      moved: [],
    });
    const hugged = ['notify(reqId, row.id, (err: Error | null) =>', '  err ? reject(err) : resolve(),', ');', ''];
    expect(check(hugged, (t) => [replace(t, 'reqId, ', '')])?.joined).toEqual(['notify(row.id, (err: Error | null) => err ? reject(err) : resolve());']);
  });

  it("keeps the log rules' broken fields object, with its trailing comma, in place of a whole statement", () => {
    const before = ['function f(a: number, b: string) {', '  console.log(`${a} and ${b}`);', '}', ''];
    const broken = "log.info('{a} and {b}', {\n    a,\n    b,\n  })";
    const deeper = "log.info('{a} and {b}', {\n      a,\n      b,\n  })";
    expect(check(before, (t) => [replace(t, 'console.log(`${a} and ${b}`)', deeper)])).toBeUndefined();
    expect(check(before, (t) => [replace(t, 'console.log(`${a} and ${b}`)', broken)])?.lines).toEqual(["  log.info('{a} and {b}', {", '    a,', '    b,', '  });']);
    const noTrailingComma = "log.info('{a} and {b}', {\n    a,\n    b\n  })";
    expect(check(before, (t) => [replace(t, 'console.log(`${a} and ${b}`)', noTrailingComma)])).toBeUndefined();
    const twoPerLine = "log.info('{a} and {b}', {\n    a, b,\n  })";
    expect(check(before, (t) => [replace(t, 'console.log(`${a} and ${b}`)', twoPerLine)])).toBeUndefined();
  });

  it('keeps whole statements removed where no blank line piles up, and one-line statements inserted', () => {
    const body = ['function f(req: Req) {', '  const reqId = idOf(req);', '  work();', '', '  done();', '}', ''];
    expect(check(body, (t) => [replace(t, '  const reqId = idOf(req);\n', '')])).toEqual({ lines: [], joined: [], moved: [] });
    // The removal would leave a blank line right after `{` (prettier drops it).
    const blankAfter = ['function f(req: Req) {', '  const reqId = idOf(req);', '', '  work();', '}', ''];
    expect(check(blankAfter, (t) => [replace(t, '  const reqId = idOf(req);\n', '')])).toBeUndefined();
    // A removal that takes part of a statement is not a removal of statements.
    const partial = ['const a = f(', '  reqId,', '  b);', ''];
    expect(check(partial, (t) => [replace(t, '  reqId,\n', '')])).toBeUndefined();

    const imports = ["import { a } from './a.js';", '', 'a();', ''];
    const importLine = "\nimport { log } from './trace-context.js';";
    expect(check(imports, (t) => [insertAt(t.indexOf('\n'), importLine)])?.lines).toEqual(["import { log } from './trace-context.js';"]);
    expect(check(imports, (t) => [insertAt(t.indexOf('\n'), "\nimport { log } from './trace-context.js'; // new")])).toBeUndefined();
    expect(check(imports, (t) => [insertAt(t.indexOf('\n'), '\nif (a) {\n  b();\n}')])).toBeUndefined();
  });

  it("sends a written line to prettier where it would change the line's quotes or semicolons", () => {
    // A single-quote file: an argument in double quotes on the changed line would be requoted.
    expect(check(['logger.log(msg, "error", reqId);', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(["logger.log(msg, 'it\\'s', reqId);", ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['logger.log(msg, "error", reqId);', ''], (t) => [replace(t, ', reqId', '')], '/p/f.ts', { singleQuote: false, semi: true, tabWidth: 2 })?.lines).toEqual(['logger.log(msg, "error");']);
    // A file without semicolons: a statement written with one, or one that would need a leading `;`.
    const noSemi = { singleQuote: true, semi: false, tabWidth: 2 };
    expect(check(['f(a, reqId);', ''], (t) => [replace(t, ', reqId', '')], '/p/f.ts', noSemi)).toBeUndefined();
    expect(check(['f(a, reqId)', ''], (t) => [replace(t, ', reqId', '')], '/p/f.ts', noSemi)?.lines).toEqual(['f(a)']);
    expect(check(['f(a, reqId)', ''], (t) => [replace(t, ', reqId', '')])).toBeUndefined();
    expect(check(['[a, reqId].forEach(g)', ''], (t) => [replace(t, ', reqId', '')], '/p/f.ts', noSemi)).toBeUndefined();
    // A function head takes no semicolon.
    expect(check(['function f(a, reqId) {', '  return a', '}', ''], (t) => [replace(t, ', reqId', '')], '/p/f.ts', noSemi)?.lines).toEqual(['function f(a) {']);
  });

  describe('a withTrace wrap', () => {
    const handler = [
      'export async function get(req: Req, res: Res): Promise<void> {',
      "  const reqId = req.headers['x-request-id'] ?? randomUUID();",
      '  const rows = String(req.query.ids).split(",").filter(Boolean);',
      '  console.log(`[${reqId}] got ${rows.length}`);',
      '  res.json(await find(rows, reqId));',
      '}',
      '',
    ];
    /** The rules' edits: the log rewrite and the dropped argument inside the wrapped lines, then the wrap around them. */
    function wrapped(lines: string[], { inner = (_t: string): TextEdit[] => [], unit = '  ', style = { singleQuote: false, semi: true, tabWidth: 2 } } = {}) {
      const text = lines.join('\n');
      const edits = new FileEdits({ path: '/p/f.ts', text, bom: false, eol: '\n', mode: 0o644 });
      for (const edit of inner(text)) edits.add(edit.start, edit.end, edit.text, []);
      const start = text.indexOf('  const rows');
      const end = text.indexOf('\n}');
      const head = '  await withTrace({ correlationId: reqId }, async () => {\n';
      edits.addIndented(start, end, { head, tail: '\n  });', unit, isProtected: () => false }, []);
      const file = ts.createSourceFile('/p/f.ts', text, ts.ScriptTarget.Latest, true);
      return linesWrittenInPlace(file, edits.all, edits.result(), style);
    }
    const rewrites = (t: string) => [replace(t, 'console.log(`[${reqId}] got ${rows.length}`)', 'log.info("got {rowCount}", { rowCount: rows.length })'), replace(t, ', reqId))', '))')];

    it('checks the lines it wrote and the edits inside it, and returns the moved lines for their width only', () => {
      expect(wrapped(handler, { inner: rewrites })).toEqual({
        // The rewritten lines as the rules wrote them (one level shallower than in the file), then the wrap's own lines.
        lines: ['  log.info("got {rowCount}", { rowCount: rows.length });', '  res.json(await find(rows));', '  await withTrace({ correlationId: reqId }, async () => {', '  });'],
        joined: [],
        moved: [
          '  await withTrace({ correlationId: reqId }, async () => {',
          // Kept as its author wrote it: prettier would break the member chain, but it is not an edit.
          '    const rows = String(req.query.ids).split(",").filter(Boolean);',
          '    log.info("got {rowCount}", { rowCount: rows.length });',
          '    res.json(await find(rows));',
          '  });',
        ],
      });
    });

    it('sends the file to prettier when an edit inside it would, or when it indents otherwise than the file', () => {
      const brokenCall = (t: string) => [replace(t, 'console.log(`[${reqId}] got ${rows.length}`)', 'log.info(\n    "got",\n  )')];
      expect(wrapped(handler, { inner: brokenCall })).toBeUndefined();
      expect(wrapped(handler, { inner: rewrites, unit: '    ' })).toBeUndefined();
      expect(wrapped(handler, { inner: rewrites, style: { singleQuote: false, semi: true, tabWidth: 4 } })).toBeUndefined();
      // A written line in the other quote: the quote check sees the lines inside the wrap too.
      const otherQuote = (t: string) => [replace(t, 'console.log(`[${reqId}] got ${rows.length}`)', "log.info('got')")];
      expect(wrapped(handler, { inner: otherQuote })).toBeUndefined();
    });
  });
});
