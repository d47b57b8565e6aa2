import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { spliceAroundEdits } from '../../src/format/splice-around-edits.js';
import { spliceFormattedRegions } from '../../src/format/splice-formatted-regions.js';

const path = '/project/src/file.ts';
const format = (text: string, options: prettier.Options = {}) => prettier.format(text, { ...options, filepath: path });

async function both(original: string, edited: string, options: prettier.Options = {}) {
  const formattedEdited = await format(edited, options);
  const quick = spliceAroundEdits({ path, original, edited, formattedEdited });
  const full = spliceFormattedRegions({ path, original, edited, formattedOriginal: await format(original, options), formattedEdited }) ?? edited;
  return { quick, full };
}

describe('spliceAroundEdits', () => {
  it('lays out an edited line of a formatted file without formatting the original', async () => {
    const original = ['const a = 1;', '', 'export function f(id: string, reqId: string) {', '  console.log(`[${reqId}] looking up ${id}`);', '  return id;', '}', ''].join('\n');
    const edited = original
      .replace('(id: string, reqId: string)', '(id: string)')
      .replace('  console.log(`[${reqId}] looking up ${id}`);', "  log.info('looking up {id}', { id, table: 'accounts', shard: 'eu-west-1', replica: true });");
    const { quick, full } = await both(original, edited);
    expect(quick).toContain('  log.info("looking up {id}", {\n    id,\n');
    expect(quick).toBe(full);
  });

  it('keeps the lines of an unformatted file that no edit touches', async () => {
    const original = ["import {a} from 'a'", 'const   messy = {x:1,y:2}', '', 'function g(reqId: string) {', '  console.log(`[${reqId}] g`);', '  return 1;', '}', ''].join('\n');
    const edited = original.replace('function g(reqId: string) {', 'function g() {').replace('  console.log(`[${reqId}] g`);', "  log.info('g')");
    const { quick, full } = await both(original, edited);
    expect(quick).not.toBe('needs-original');
    const lines = (quick as string).split('\n');
    expect(lines.slice(0, 2)).toEqual(["import {a} from 'a'", 'const   messy = {x:1,y:2}']);
    expect(lines).toContain('  log.info("g");');
    expect(quick).toBe(full);
  });

  it('asks for the original when the formatter also moves untouched lines around an edit', async () => {
    // Removing the second argument lets the call fit on one line: the untouched `foo(` and `)` lines move too.
    const original = ['foo(', '  firstArgumentIsRatherLong,', '  reqId,', '  secondArgumentIsRatherLongToo,', ');', ''].join('\n');
    const edited = ['foo(', '  firstArgumentIsRatherLong,', '  secondArgumentIsRatherLongToo,', ');', ''].join('\n');
    const formattedEdited = await format(edited, { printWidth: 80 });
    expect(formattedEdited).toBe('foo(firstArgumentIsRatherLong, secondArgumentIsRatherLongToo);\n');
    expect(spliceAroundEdits({ path, original, edited, formattedEdited })).toBe('needs-original');
  });

  it('returns the edited text when its edits are laid out already', async () => {
    const original = 'const   messy = {x:1}\nfunction g(reqId: string) {\n  return 1;\n}\n';
    const edited = 'const   messy = {x:1}\nfunction g() {\n  return 1;\n}\n';
    expect(spliceAroundEdits({ path, original, edited, formattedEdited: await format(edited) })).toBe(edited);
  });

  it('asks for the original rather than take a formatter output that is another program', async () => {
    const original = 'const a = 1;\nlog(reqId);\n';
    const edited = 'const a = 1;\nlog( );\n';
    expect(spliceAroundEdits({ path, original, edited, formattedEdited: 'const a = 1;\nlog(other);\n' })).toBe('needs-original');
  });
});

describe('spliceAroundEdits, next to a removed line', () => {
  it('asks for the original when the formatter changes the line before a removed last element', async () => {
    const original = ['function f(', '  firstArgument: string,', '  secondArgument: string,', '  reqId: string', ') {}', ''].join('\n');
    const edited = ['function f(', '  firstArgument: string,', '  secondArgument: string,', ') {}', ''].join('\n');
    const formattedEdited = await format(edited, { trailingComma: 'none', printWidth: 40 });
    // Only the comma line differs: the run is an untouched line, but the removal right after it caused it.
    expect(formattedEdited).toBe(['function f(', '  firstArgument: string,', '  secondArgument: string', ') {}', ''].join('\n'));
    expect(spliceAroundEdits({ path, original, edited, formattedEdited })).toBe('needs-original');
  });
});
