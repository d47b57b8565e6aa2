import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/format-json.js';
import { REPORT_SCHEMA_VERSION } from '../../src/report/report.js';
import { checkReport, dryRunReport } from './sample-reports.js';

describe('formatJson', () => {
  it('is the report as it is, parseable, with its schema version', () => {
    for (const report of [dryRunReport(), checkReport()]) {
      const out = formatJson(report, { color: true });
      expect(out.endsWith('}\n')).toBe(true);
      expect(out).not.toMatch(/\u001b\[/);
      const parsed = JSON.parse(out);
      expect(parsed).toEqual(report);
      expect(parsed.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    }
  });
});
