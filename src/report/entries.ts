// One sorted list of everything a reader should see per file: the findings, plus the files that
// were skipped or failed without a finding of their own (so no skip is ever silent).
import { isBaselined } from './finding-state.js';
import type { FindingKind, Report } from './report.js';

export type EntryKind = FindingKind | 'skipped' | 'failed';

export interface ReportEntry {
  file: string;
  /** Absent for whole-file entries (skipped / failed). */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  kind: EntryKind;
  message: string;
  ruleId?: string;
  baselined: boolean;
  fingerprint?: string;
}

export function reportEntries(report: Report): ReportEntry[] {
  const entries: ReportEntry[] = report.findings.map((finding) => ({
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    kind: finding.kind,
    message: finding.message,
    ruleId: finding.ruleId,
    baselined: isBaselined(finding),
    fingerprint: finding.fingerprint,
  }));
  const filesWithFindings = new Set(report.findings.map((finding) => finding.file));
  for (const file of report.files) {
    if ((file.status === 'skipped' || file.status === 'failed') && !filesWithFindings.has(file.path)) {
      entries.push({ file: file.path, kind: file.status, message: file.reason ?? file.status, baselined: false });
    }
  }
  return entries.sort(compareEntries);
}

function compareEntries(a: ReportEntry, b: ReportEntry): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Entries in runs of the same file, in order. */
export function groupByFile(entries: readonly ReportEntry[]): ReportEntry[][] {
  const groups: ReportEntry[][] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last && last[0].file === entry.file) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

/** `file:line:col`, or just `file` for whole-file entries. */
export function entryLocation(entry: ReportEntry): string {
  return entry.line === undefined ? entry.file : `${entry.file}:${entry.line}:${entry.column ?? 1}`;
}
