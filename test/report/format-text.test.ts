import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/format-text.js';
import { checkFinding, checkReport, dryRunReport } from './sample-reports.js';

const ANSI = /\u001b\[[0-9;]*m/g;

describe('formatText', () => {
  it('prints the counts, every finding grouped by file, then the verdict', () => {
    expect(formatText(dryRunReport(), { color: false })).toBe(
      [
        'trace-migrate 0.1.0 dry run of src (1.2 s)',
        '',
        'Files    5 scanned, 2 changed, 1 skipped, 0 failed',
        'Changes  3 parameters removed, 4 call sites updated, 1 origin wrapped, 1 other use replaced, 6 logs converted',
        '',
        "src/a.ts:1:1   error    does not parse: ';' expected  (project)",
        'src/a.ts:3:20  kept     requestId is used as a cache key: a business id  (trace-param)',
        '',
        'src/b.ts:12:5  manual   handle is passed as a value, so its reqId stays  (trace-param)',
        '',
        'src/gen.ts  skipped  larger than 2097152 bytes',
        '',
        'src/trace-context.ts:1:1  note     emitted the trace-context module  (runtime)',
        '',
        'Dry run: 2 of 5 files would change, 1 site to migrate by hand, 1 error; nothing was written.',
        '',
      ].join('\n'),
    );
  });

  it('lists only findings outside the baseline in check mode and says how many it hid', () => {
    expect(formatText(checkReport(), { color: false })).toBe(
      [
        'trace-migrate 0.1.0 check of src (87 ms)',
        '',
        'Files     3 scanned',
        'Findings  2, 1 not in the baseline',
        '',
        'src/x.ts:4:7  manual   reqId is threaded by hand  (trace-param)',
        '',
        '1 finding in the baseline not shown.',
        '',
        'Check failed: 1 finding not in the baseline.',
        '',
      ].join('\n'),
    );
  });

  it('says a clean check passed', () => {
    const report = { ...checkReport(), findings: [] };
    expect(formatText(report, { color: false }).endsWith('\nCheck passed: no findings.\n')).toBe(true);
  });

  it('says nothing was selected when no file matched', () => {
    const report = { ...dryRunReport(), outcome: 'nothing-selected' as const, findings: [], files: [], diff: undefined };
    expect(formatText(report, { color: false }).endsWith('\nNothing selected: no file to migrate in src. Nothing was done.\n')).toBe(
      true,
    );
  });

  it('colours only when asked, and the colours carry no other change', () => {
    const plain = formatText(dryRunReport(), { color: false });
    const coloured = formatText(dryRunReport(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toContain('\u001b[31merror  \u001b[39m'); // errors in red
    expect(coloured).toContain('\u001b[33mmanual \u001b[39m'); // manual sites in yellow
    expect(coloured.replace(ANSI, '')).toBe(plain);
  });

  it('keeps each finding on one line and strips terminal control characters from messages', () => {
    const report = checkReport();
    report.findings = [checkFinding({ message: 'first\nsecond\u001b[2Jthird\ttab' })];
    const out = formatText(report, { color: false });
    expect(out).toContain('src/a.ts:1:1  manual   first second?[2Jthird tab  (trace-param)\n');
  });
});
