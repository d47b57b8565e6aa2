import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { spliceFormattedRegions } from '../../src/format/splice-formatted-regions.js';

async function splice(original: string, edited: string, options: prettier.Options = {}): Promise<string | undefined> {
  const path = '/project/src/file.ts';
  const format = (text: string) => prettier.format(text, { ...options, filepath: path });
  return spliceFormattedRegions({ path, original, edited, formattedOriginal: await format(original), formattedEdited: await format(edited) });
}

describe('spliceFormattedRegions', () => {
  it('formats the changed statement of a formatted file and nothing else', async () => {
    const original = ['const a = 1;', '', 'export function f(id: string, reqId: string) {', '  return id;', '}', ''].join('\n');
    const edited = original.replace('export function f(id: string, reqId: string) {', "export function f(id: string) {\n  log.info('looking up {id}', { id, table: 'accounts', shard: 'eu-west-1', replica: true });");
    const out = await splice(original, edited);
    expect(out).toBe(
      [
        'const a = 1;',
        '',
        'export function f(id: string) {',
        '  log.info("looking up {id}", {',
        '    id,',
        '    table: "accounts",',
        '    shard: "eu-west-1",',
        '    replica: true,',
        '  });',
        '  return id;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps untouched lines of an unformatted file byte for byte', async () => {
    const original = [
      "import {a} from 'a'",
      'const   messy = {x:1,y:2}',
      'function   g( reqId:string ) {',
      '    console.log(`[${reqId}] g`)',
      '    return messy.x+messy.y',
      '}',
      'export const   tail = [1,2,3]',
      '',
    ].join('\n');
    const edited = original.replace('function   g( reqId:string ) {', 'function   g() {').replace('    console.log(`[${reqId}] g`)', "    log.info('g')");
    const out = await splice(original, edited, { singleQuote: true, semi: false });
    const lines = out!.split('\n');
    expect(lines[0]).toBe("import {a} from 'a'");
    expect(lines[1]).toBe('const   messy = {x:1,y:2}');
    expect(lines).toContain('    return messy.x+messy.y');
    expect(lines).toContain('export const   tail = [1,2,3]');
    // The changed lines are prettier's.
    expect(lines).toContain('function g() {');
    expect(lines).toContain("  log.info('g')");
  });

  it('takes in whole original lines when a changed statement shares a line with an untouched one', async () => {
    const original = 'const x = 1;   console.log(`[${reqId}] x`);\nconst y = 2\n';
    const edited = "const x = 1;   log.info('x');\nconst y = 2\n";
    const out = await splice(original, edited);
    expect(out).toBe('const x = 1;\nlog.info("x");\nconst y = 2\n');
  });

  it('gives up rather than splice text that is not the edited program', async () => {
    const original = 'const a = 1;\n';
    const edited = 'const a = 2;\n';
    const path = '/project/src/file.ts';
    expect(spliceFormattedRegions({ path, original, edited, formattedOriginal: original, formattedEdited: 'const a = 3;\n' })).toBeUndefined();
  });
});
