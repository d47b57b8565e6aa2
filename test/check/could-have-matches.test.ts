// The --check prefilter must be conservative: a file it lets through unparsed can have no finding.
// Checked over every fixture source file, as written and with every `console` and trace parameter
// name spelt with a unicode escape (an identifier's name is not always its text).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAM_NAMES } from '../../src/config/config.js';
import { couldHaveMatches, scanFile, type ScanOptions } from '../../src/check/scan-file.js';
import type { SourceText } from '../../src/syntax/source-text.js';
import { FIXTURES_DIR } from '../support/fixture-cases.js';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const interpolated: ScanOptions = { traceParamNames: new Set(DEFAULT_TRACE_PARAM_NAMES), logScope: 'interpolated' };
const all: ScanOptions = { ...interpolated, logScope: 'all' };

function fixtureSources(dir = FIXTURES_DIR): SourceText[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : fixtureSources(path);
    if (!SOURCE_EXTENSIONS.has(extname(entry.name))) return [];
    return [sourceText(path, readFileSync(path, 'utf8'))];
  });
}

function sourceText(path: string, text: string): SourceText {
  return { path, text, bom: false, eol: '\n', mode: 0o644 };
}

/** Every occurrence of `console` and of each trace name with its first letter as `\u00XX`: the same program. */
function escapeNames(text: string): string {
  const names = ['console', ...DEFAULT_TRACE_PARAM_NAMES].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(names.join('|'), 'g');
  return text.replace(pattern, (name) => `\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}`);
}

function hasMatches(source: SourceText, options: ScanOptions): boolean {
  const result = scanFile(source, options);
  return result.matches !== undefined && result.matches.length > 0;
}

describe('couldHaveMatches is conservative', () => {
  const sources = fixtureSources();

  it('finds names spelt with unicode escapes', () => {
    const escapedParam = 'export function f(req\\u0049d: string) { return 1; }';
    const escapedConsole = 'export function g(n: number) { \\u{63}onsole.log(`n ${n}`); }';
    for (const source of [escapedParam, escapedConsole].map((text) => sourceText('/p/a.ts', text))) {
      expect(hasMatches(source, interpolated)).toBe(true);
      expect(couldHaveMatches(source.text, interpolated)).toBe(true);
    }
  });

  it.each([
    ['interpolated logs', interpolated],
    ['all logs', all],
  ])('passes every fixture file that has a finding (%s), as written and with escaped names', (_, options) => {
    let withMatches = 0;
    let escapedWithMatches = 0;
    for (const source of sources) {
      if (hasMatches(source, options)) {
        withMatches++;
        expect(couldHaveMatches(source.text, options), source.path).toBe(true);
      }
      const escaped = { ...source, text: escapeNames(source.text) };
      if (hasMatches(escaped, options)) {
        escapedWithMatches++;
        expect(couldHaveMatches(escaped.text, options), `${source.path} (escaped)`).toBe(true);
      }
    }
    // The property has teeth: most fixture files with findings keep them when their names are escaped.
    expect(withMatches).toBeGreaterThan(50);
    expect(escapedWithMatches).toBeGreaterThan(withMatches / 2);
  });
});
