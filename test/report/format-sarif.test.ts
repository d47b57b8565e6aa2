// Validates our SARIF against the SARIF 2.1.0 JSON schema as shipped in @microsoft/jest-sarif
// (lib/schemas/sarif-2.1.0-rtm.5.json, the schemastore copy of the 2.1.0 schema; draft-04).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { SARIF_FINGERPRINT_KEY, formatSarif } from '../../src/report/format-sarif.js';
import { checkFinding, checkReport, dryRunReport } from './sample-reports.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// unicodeRegExp off: the schema's "language" pattern has a stray "]" that only the u flag rejects.
// Both are CommonJS packages that also export themselves as `.default` (the typed way in NodeNext).
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(sarif: unknown): void {
  const ok = validate(sarif);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('formatSarif', () => {
  it('is valid SARIF 2.1.0 for a dry run, a check with a baseline, and an empty run', () => {
    const empty = { ...checkReport(), findings: [], outcome: 'nothing-selected' as const };
    for (const report of [dryRunReport(), checkReport(), empty]) expectValid(JSON.parse(formatSarif(report, { color: false })));
  });

  it('describes its rules and, given the working directory, where %SRCROOT% is', () => {
    const report = { ...dryRunReport(), findings: dryRunReport().findings.map((f) => ({ ...f, ruleId: 'trace-params' })) };
    const sarif = JSON.parse(formatSarif(report, { color: false, cwd: '/work/my repo' }));
    expectValid(sarif);
    expect(sarif.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/my%20repo/' } });
    expect(sarif.runs[0].tool.driver.rules[0].shortDescription.text).toMatch(/request id threaded by hand/);
  });

  it('the schema check does catch invalid SARIF (so the test above means something)', () => {
    const mutations: [string, (sarif: any) => void][] = [
      ['no version', (sarif) => delete sarif.version],
      ['unknown level', (sarif) => (sarif.runs[0].results[0].level = 'fatal')],
      ['line 0', (sarif) => (sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['unknown property', (sarif) => (sarif.runs[0].results[0].severity = 'high')],
      ['unknown baseline state', (sarif) => (sarif.runs[0].results[0].baselineState = 'old')],
      ['URI with a space', (sarif) => (sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.ts')],
    ];
    for (const [name, mutate] of mutations) {
      const sarif = JSON.parse(formatSarif(dryRunReport(), { color: false }));
      mutate(sarif);
      expect(validate(sarif), name).toBe(false);
    }
  });

  it('maps findings to results with rule, level, region, fingerprint and baseline state', () => {
    const sarif = JSON.parse(formatSarif(checkReport(), { color: false }));
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toEqual([{ id: 'console-interpolation' }, { id: 'trace-param' }]);
    expect(run.results[0]).toEqual({
      ruleId: 'trace-param',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'reqId is threaded by hand' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'src/x.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 7 } } },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: 'fp1' },
      baselineState: 'new',
      properties: { kind: 'manual' },
    });
    expect(run.results[1].baselineState).toBe('unchanged');
  });

  it('reports skipped files as notifications, encodes URIs, and keeps end positions', () => {
    const report = dryRunReport();
    report.findings.push(checkFinding({ file: 'src/my file#1.ts', kind: 'error', endLine: 2, endColumn: 4 }));
    const sarif = JSON.parse(formatSarif(report, { color: false }));
    expectValid(sarif);
    const last = sarif.runs[0].results.at(-1);
    expect(last.level).toBe('error');
    expect(last.locations[0].physicalLocation.artifactLocation.uri).toBe('src/my%20file%231.ts');
    expect(last.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 2, endColumn: 4 });
    expect(last.baselineState).toBeUndefined();
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: { text: 'skipped: larger than 2097152 bytes' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/gen.ts', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });
});
