// The Report as it is: plain data with a schemaVersion, for scripts.
import type { FormatContext } from './format-context.js';
import type { Report } from './report.js';

export function formatJson(report: Report, _ctx: FormatContext): string {
  return JSON.stringify(report, null, 2) + '\n';
}
