import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, FORMATTERS, formatReport, isFormatName } from '../../src/report/formatters.js';
import { checkReport, dryRunReport } from './sample-reports.js';

describe('the formatter registry', () => {
  it('has one format-<name>.ts file per registered format', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'markdown', 'github', 'sarif']);
    for (const name of FORMAT_NAMES) {
      expect(existsSync(new URL(`../../src/report/format-${name}.ts`, import.meta.url)), name).toBe(true);
    }
  });

  it('dispatches by name, and every formatter is pure: same text twice, report untouched', () => {
    for (const name of FORMAT_NAMES) {
      for (const make of [dryRunReport, checkReport]) {
        const report = make();
        const before = JSON.stringify(report);
        const first = formatReport(report, name, { color: true });
        expect(first, name).toBe(FORMATTERS[name](make(), { color: true }));
        expect(formatReport(report, name, { color: true })).toBe(first);
        expect(JSON.stringify(report)).toBe(before);
        expect(first.endsWith('\n'), name).toBe(true);
      }
    }
  });

  it('knows which names are formats', () => {
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });
});
