import { describe, expect, it } from 'vitest';
import { FINDINGS_BUDGET, MARKDOWN_BUDGET, MARKDOWN_MARKER, formatMarkdown, inlineCode } from '../../src/report/format-markdown.js';
import { checkFinding, checkReport, dryRunReport } from './sample-reports.js';

describe('formatMarkdown', () => {
  it('renders a PR comment: verdict, counts, findings, then the diff per file in <details>', () => {
    const expected = [
      MARKDOWN_MARKER,
      '### trace-migrate 0.1.0 dry run of src',
      '',
      '**Dry run: 2 of 5 files would change, 1 site to migrate by hand, 1 error; nothing was written.** (1.2 s)',
      '',
      '| | Count |',
      '| :-- | --: |',
      '| Files scanned | 5 |',
      '| Files changed | 2 |',
      '| Files skipped | 1 |',
      '| Files failed | 0 |',
      '| Parameters removed | 3 |',
      '| Call sites updated | 4 |',
      '| Origins wrapped | 1 |',
      '| Other uses replaced | 1 |',
      '| Logs converted | 6 |',
      '| Sites to migrate by hand | 1 |',
      '',
      '#### Findings (5)',
      '',
      '| Location | Kind | Message | Rule |',
      '| :-- | :-- | :-- | :-- |',
      "| `src/a.ts:1:1` | error | does not parse: ';' expected | `project` |",
      '| `src/a.ts:3:20` | kept | requestId is used as a cache key: a business id | `trace-param` |',
      '| `src/b.ts:12:5` | manual | handle is passed as a value, so its reqId stays | `trace-param` |',
      '| `src/gen.ts` | skipped | larger than 2097152 bytes |  |',
      '| `src/trace-context.ts:1:1` | note | emitted the trace-context module | `runtime` |',
      '',
      '#### Diff (2 files)',
      '',
      '<details>',
      '<summary><code>src/a.ts</code> (+1 -2)</summary>',
      '',
      '```diff',
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,2 @@',
      '-export function handle(reqId: string) {',
      '--- a comment that starts with dashes',
      '+export function handle() {',
      ' }',
      '```',
      '',
      '</details>',
      '',
      '<details>',
      '<summary><code>src/trace-context.ts</code> (+2 -0)</summary>',
      '',
      // The file contains ``` so the fence is one backtick longer.
      '````diff',
      'diff --git a/src/trace-context.ts b/src/trace-context.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/trace-context.ts',
      '@@ -0,0 +1,2 @@',
      '+// trace-context: emitted by trace-migrate',
      '+export const x = `a ``` b`;',
      '````',
      '',
      '</details>',
      '',
    ].join('\n');
    expect(formatMarkdown(dryRunReport(), { color: true })).toBe(expected);
  });

  it('lists only findings outside the baseline in a check report', () => {
    expect(formatMarkdown(checkReport(), { color: false })).toBe(
      [
        MARKDOWN_MARKER,
        '### trace-migrate 0.1.0 check of src',
        '',
        '**Check failed: 1 finding not in the baseline.** (87 ms)',
        '',
        '| | Count |',
        '| :-- | --: |',
        '| Files scanned | 3 |',
        '| Findings | 2 |',
        '| Not in the baseline | 1 |',
        '',
        '#### Findings (1)',
        '',
        '| Location | Kind | Message | Rule |',
        '| :-- | :-- | :-- | :-- |',
        '| `src/x.ts:4:7` | manual | reqId is threaded by hand | `trace-param` |',
        '',
        '_1 finding already in the baseline not listed._',
        '',
      ].join('\n'),
    );
  });

  it('escapes table cells: pipes, raw HTML and newlines cannot break the table', () => {
    const report = checkReport();
    report.findings = [checkFinding({ file: 'src/a|b.ts', message: 'x | y <script>\nnext & more' })];
    const row = formatMarkdown(report, { color: false })
      .split('\n')
      .find((line) => line.startsWith('| `src/a'));
    expect(row).toBe('| `src/a\\|b.ts:1:1` | manual | x \\| y &lt;script&gt;<br>next &amp; more | `trace-param` |');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`edge')).toBe('`` `edge ``');
  });

  it("stays under GitHub's comment limit and names what it left out", () => {
    const report = dryRunReport();
    const hunk = (i: number) =>
      [`diff --git a/f${i}.ts b/f${i}.ts`, `--- a/f${i}.ts`, `+++ b/f${i}.ts`, '@@ -1 +1 @@', `-${'x'.repeat(5000)}`, `+${'y'.repeat(5000)}`].join('\n');
    report.diff = Array.from({ length: 30 }, (_, i) => hunk(i)).join('\n') + '\n';
    report.findings = Array.from({ length: 1000 }, (_, i) => checkFinding({ line: i + 1, message: 'm'.repeat(60) }));
    const out = formatMarkdown(report, { color: false });
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    expect(out).toMatch(/\n_\d+ more findings not shown \(GitHub's comment size limit\)/);
    expect(out).toMatch(/\n_\d+ more files not shown: the comment would pass GitHub's size limit\./);
    expect(out.indexOf('#### Diff')).toBeLessThan(FINDINGS_BUDGET + 200);
  });
});
