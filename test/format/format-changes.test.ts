import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatChanges } from '../../src/format/format-changes.js';

// A project without a formatter: the changed lines follow the file's own style (file-style mode).
const dir = mkdtempSync(join(tmpdir(), 'format-changes-'));
writeFileSync(join(dir, 'package.json'), '{ "name": "p", "private": true }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const longLog = "  log.info('looking up {id} in the accounts table of the primary region', { id, table: 'accounts', shard: 'eu-west-1', replica: true });";

describe('formatChanges in file-style mode', () => {
  it('lays out a changed TypeScript line in the file style', async () => {
    const before = ["import { a } from './a.js';", '', 'export function f(id: string, reqId: string) {', '  console.log(`[${reqId}] ${id}`);', '  return a(id);', '}', ''].join('\n');
    const after = ["import { a } from './a.js';", '', 'export function f(id: string) {', longLog, '  return a(id);', '}', ''].join('\n');
    const path = join(dir, 'f.ts');
    const { changes, formatting } = await formatChanges([{ path, before, after }], dir);
    expect(formatting.formatter).toBe('file-style');
    expect(changes[0]!.after).toContain("  log.info('looking up {id} in the accounts table of the primary region', {\n    id,\n");
  });

  it('formats a TypeScript file that babel cannot parse with the typescript parser instead', async () => {
    // Import assertions: babel-ts (the fast parser of file-style mode) rejects them.
    const header = "import data from './d.json' assert { type: 'json' };";
    const before = [header, '', 'export function f(id: string, reqId: string) {', '  console.log(`[${reqId}] ${id}`);', '  return data;', '}', ''].join('\n');
    const after = [header, '', 'export function f(id: string) {', longLog, '  return data;', '}', ''].join('\n');
    const { changes, notes } = await formatChanges([{ path: join(dir, 'g.ts'), before, after }], dir);
    expect(notes).toEqual([]);
    expect(changes[0]!.after).toContain('{\n    id,\n');
    expect(changes[0]!.after.split('\n')[0]).toBe(header);
  });

  describe('a file whose edits kept its layout (lines-written-in-place.ts)', () => {
    // `f(id,reqId)` is not prettier's layout: if the file went through prettier, it would read `f(id, …)`.
    const before = ['export function g(id: string, reqId: string) {', '  return f(id,reqId,  1);', '}', ''].join('\n');
    const after = ['export function g(id: string) {', '  return f(id,  1);', '}', ''].join('\n');
    const written = (lines: string[], joined: string[] = []) => new Map([[join(dir, 'w.ts'), { lines, joined, moved: [] }]]);
    const run = (writtenInPlace: ReturnType<typeof written>, path = join(dir, 'w.ts')) => formatChanges([{ path, before, after }], dir, { writtenInPlace });

    it('is left as edited when its written lines fit and nothing they would join fits', async () => {
      const { changes, formatting } = await run(written(['export function g(id: string) {', '  return f(id,  1);'], ['x'.repeat(121)]));
      expect(changes[0]!.after).toBe(after);
      expect(formatting).toMatchObject({ formatter: 'file-style', filesFormatted: 1 });
    });

    it('goes through prettier when a written line is too wide, a joined line fits, or nothing was said about it', async () => {
      const formatted = ['export function g(id: string) {', '  return f(id, 1);', '}', ''].join('\n');
      expect((await run(written(['x'.repeat(121)]))).changes[0]!.after).toBe(formatted);
      expect((await run(written(['  return f(id,  1);'], ['short enough']))).changes[0]!.after).toBe(formatted);
      expect((await run(new Map())).changes[0]!.after).toBe(formatted);
    });

    it("goes through prettier when .editorconfig sets an indentation other than the file's", async () => {
      const sub = join(dir, 'tabs');
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, '.editorconfig'), 'root = true\n[*]\nindent_style = tab\n');
      const path = join(sub, 'w.ts');
      const { changes } = await formatChanges([{ path, before, after }], dir, { writtenInPlace: new Map([[path, { lines: ['  return f(id,  1);'], joined: [], moved: [] }]]) });
      expect(changes[0]!.after).toContain('\treturn f(id, 1);');
    });
  });
});
