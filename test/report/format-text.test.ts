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

describe('formatText on a long report', () => {
  /** 36 findings of two reasons over several files, plus two business ids kept. */
  function longReport() {
    const base = dryRunReport();
    const manual = (file: string, line: number, label: string) => ({
      ruleId: 'structured-logs',
      kind: 'manual' as const,
      file,
      line,
      column: 5,
      message: `\`${label}.info\` with spread arguments left as is: the message cannot be read; convert it by hand`,
    });
    const findings = [
      ...Array.from({ length: 30 }, (_, i) => manual(`src/f${i % 6}.ts`, 10 + i, i % 2 ? 'logger' : 'this.log')),
      ...Array.from({ length: 6 }, (_, i) => ({ ruleId: 'logger-context', kind: 'manual' as const, file: 'src/log.ts', line: i + 1, column: 1, message: 'records of `logger` do not carry the id' })),
      { ruleId: 'trace-params', kind: 'kept' as const, file: 'src/a.ts', line: 3, column: 20, message: '`requestId` of `deletion` is kept as a business id' },
      { ruleId: 'trace-params', kind: 'kept' as const, file: 'src/b.ts', line: 7, column: 2, message: '`requestId` of `leave` is kept as a business id' },
    ];
    return { ...base, findings, files: base.files.filter((f) => f.status !== 'skipped') };
  }

  it('groups findings by reason and file with counts and a few locations; kept ids stay individual', () => {
    const text = formatText(longReport(), { color: false });
    const body = text.split('\n').slice(5, -2).join('\n');
    expect(body).toBe(
      [
        'src/a.ts:3:20  kept     `requestId` of `deletion` is kept as a business id  (trace-params)',
        '',
        'src/b.ts:7:2  kept     `requestId` of `leave` is kept as a business id  (trace-params)',
        '',
        'manual   `…` with spread arguments left as is: the message cannot be read; convert it by hand  (structured-logs)  ×30',
        '  src/f0.ts (5): 10:5, 16:5, 22:5, +2 more',
        '  src/f1.ts (5): 11:5, 17:5, 23:5, +2 more',
        '  src/f2.ts (5): 12:5, 18:5, 24:5, +2 more',
        '  src/f3.ts (5): 13:5, 19:5, 25:5, +2 more',
        '  … 10 more in 2 other files',
        '',
        'manual   records of `logger` do not carry the id  (logger-context)  ×6',
        '  src/log.ts (6): 1:1, 2:1, 3:1, +3 more',
        '',
        '36 findings grouped by reason; --verbose lists every one (json, sarif and markdown always do).',
        '',
      ].join('\n'),
    );
  });

  it('lists every finding with --verbose', () => {
    const text = formatText(longReport(), { color: false, verbose: true });
    expect(text.split('\n').filter((line) => /^src\/\S+:\d+:\d+ /.test(line))).toHaveLength(38);
    expect(text).not.toContain('grouped by reason');
  });
});
