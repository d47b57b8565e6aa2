import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/format-github.js';
import { checkFinding, checkReport, dryRunReport } from './sample-reports.js';

describe('formatGithub', () => {
  it('prints one workflow annotation per finding, then the verdict', () => {
    expect(formatGithub(dryRunReport(), { color: true })).toBe(
      [
        "::error file=src/a.ts,line=1,col=1,title=trace-migrate error (project)::does not parse: ';' expected",
        '::notice file=src/a.ts,line=3,col=20,title=trace-migrate kept (trace-param)::requestId is used as a cache key: a business id',
        '::warning file=src/b.ts,line=12,col=5,endLine=12,endColumn=10,title=trace-migrate manual (trace-param)::handle is passed as a value, so its reqId stays',
        '::warning file=src/gen.ts,title=trace-migrate skipped::larger than 2097152 bytes',
        '::notice file=src/trace-context.ts,line=1,col=1,title=trace-migrate note (runtime)::emitted the trace-context module',
        'Dry run: 2 of 5 files would change, 1 site to migrate by hand, 1 error; nothing was written.',
        '',
      ].join('\n'),
    );
  });

  it('does not annotate findings that are already in the baseline', () => {
    expect(formatGithub(checkReport(), { color: false })).toBe(
      [
        '::warning file=src/x.ts,line=4,col=7,title=trace-migrate manual (trace-param)::reqId is threaded by hand',
        'Check failed: 1 finding not in the baseline.',
        '',
      ].join('\n'),
    );
  });

  it("escapes data and properties by GitHub's rules", () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir:x,y%\n')).toBe('dir%3Ax%2Cy%25%0A');
    const report = checkReport();
    report.findings = [checkFinding({ file: 'src/we,ird:name.ts', ruleId: 'r:1', message: 'line one\nline two 50%' })];
    expect(formatGithub(report, { color: false }).split('\n')[0]).toBe(
      '::warning file=src/we%2Cird%3Aname.ts,line=1,col=1,title=trace-migrate manual (r%3A1)::line one%0Aline two 50%25',
    );
  });
});
