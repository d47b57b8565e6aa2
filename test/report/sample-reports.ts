// Hand-built reports for formatter and CLI tests (not produced by the engine, so formatter tests
// do not depend on it).
import { REPORT_SCHEMA_VERSION, emptySummary, type Finding, type Report } from '../../src/report/report.js';

export const SAMPLE_DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -1,3 +1,2 @@',
  '-export function handle(reqId: string) {',
  '--- a comment that starts with dashes',
  '+export function handle() {',
  ' }',
  'diff --git a/src/trace-context.ts b/src/trace-context.ts',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/src/trace-context.ts',
  '@@ -0,0 +1,2 @@',
  '+// trace-context: emitted by trace-migrate',
  '+export const x = `a ``` b`;',
  '',
].join('\n');

/** A dry run with one finding of each kind, a skipped file without a finding, and a diff. */
export function dryRunReport(): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'trace-migrate', version: '0.1.0' },
    mode: 'dry-run',
    outcome: 'ok',
    roots: ['src'],
    summary: {
      ...emptySummary(),
      filesScanned: 5,
      filesChanged: 2,
      filesSkipped: 1,
      paramsRemoved: 3,
      callSitesUpdated: 4,
      originsWrapped: 1,
      otherUsesReplaced: 1,
      logsConverted: 6,
      manualFindings: 1,
    },
    files: [
      { path: 'src/a.ts', status: 'changed' },
      { path: 'src/b.ts', status: 'unchanged' },
      { path: 'src/gen.ts', status: 'skipped', reason: 'larger than 2097152 bytes' },
    ],
    findings: [
      {
        ruleId: 'trace-param',
        kind: 'manual',
        file: 'src/b.ts',
        line: 12,
        column: 5,
        endLine: 12,
        endColumn: 10,
        message: 'handle is passed as a value, so its reqId stays',
        fingerprint: 'fp-b-1',
      },
      { ruleId: 'trace-param', kind: 'kept', file: 'src/a.ts', line: 3, column: 20, message: 'requestId is used as a cache key: a business id' },
      { ruleId: 'project', kind: 'error', file: 'src/a.ts', line: 1, column: 1, message: "does not parse: ';' expected" },
      { ruleId: 'runtime', kind: 'note', file: 'src/trace-context.ts', line: 1, column: 1, message: 'emitted the trace-context module' },
    ],
    diff: SAMPLE_DIFF,
    durationMs: 1234,
  };
}

export function checkFinding(overrides: Partial<Finding> & { baselined?: boolean }): Finding {
  return {
    ruleId: 'trace-param',
    kind: 'manual',
    file: 'src/a.ts',
    line: 1,
    column: 1,
    message: 'reqId is threaded by hand',
    ...overrides,
  };
}

/** A --check run against a baseline: one new finding, one already in the baseline. */
export function checkReport(): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'trace-migrate', version: '0.1.0' },
    mode: 'check',
    outcome: 'ok',
    roots: ['src'],
    summary: { ...emptySummary(), filesScanned: 3 },
    files: [],
    findings: [
      checkFinding({ file: 'src/x.ts', line: 4, column: 7, message: 'reqId is threaded by hand', fingerprint: 'fp1', baselined: false }),
      checkFinding({
        ruleId: 'console-interpolation',
        file: 'src/old.ts',
        line: 9,
        column: 3,
        message: 'console.log interpolates values',
        fingerprint: 'fp2',
        baselined: true,
      }),
    ],
    durationMs: 87,
  };
}
