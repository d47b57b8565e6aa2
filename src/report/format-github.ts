// GitHub Actions workflow commands: one annotation per finding on the PR's "Files changed" tab,
// then the verdict as a plain log line. Findings already in the baseline are not annotated.
import { reportEntries, type EntryKind, type ReportEntry } from './entries.js';
import type { FormatContext } from './format-context.js';
import { outcomeSentence } from './outcome.js';
import type { Report } from './report.js';

const COMMANDS: Record<EntryKind, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  failed: 'error',
  manual: 'warning',
  skipped: 'warning',
  kept: 'notice',
  note: 'notice',
};

export function formatGithub(report: Report, _ctx: FormatContext): string {
  const lines = reportEntries(report)
    .filter((entry) => !entry.baselined)
    .map(annotation);
  lines.push(outcomeSentence(report));
  return lines.join('\n') + '\n';
}

function annotation(entry: ReportEntry): string {
  const properties: [string, string | number | undefined][] = [
    ['file', entry.file],
    ['line', entry.line],
    ['col', entry.column],
    ['endLine', entry.endLine],
    ['endColumn', entry.endColumn],
    ['title', `trace-migrate ${entry.kind}${entry.ruleId === undefined ? '' : ` (${entry.ruleId})`}`],
  ];
  const props = properties
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${COMMANDS[entry.kind]} ${props}::${escapeData(entry.message)}`;
}

// The escaping rules of @actions/core (toCommandValue → escapeData / escapeProperty).
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
