// The counts a report shows, as labelled rows (text and markdown render the same numbers).
import { gatingCount, hasBaselineInfo } from './finding-state.js';
import type { Report } from './report.js';

export interface SummaryRow {
  label: string;
  count: number;
}

export function summaryRows(report: Report): SummaryRow[] {
  const s = report.summary;
  if (report.mode === 'check') {
    const rows: SummaryRow[] = [
      { label: 'Files scanned', count: s.filesScanned },
      { label: 'Findings', count: report.findings.length },
    ];
    if (hasBaselineInfo(report)) rows.push({ label: 'Not in the baseline', count: gatingCount(report) });
    return rows;
  }
  return [
    { label: 'Files scanned', count: s.filesScanned },
    { label: 'Files changed', count: s.filesChanged },
    { label: 'Files skipped', count: s.filesSkipped },
    { label: 'Files failed', count: s.filesFailed },
    { label: 'Parameters removed', count: s.paramsRemoved },
    { label: 'Call sites updated', count: s.callSitesUpdated },
    { label: 'Origins wrapped', count: s.originsWrapped },
    { label: 'Other uses replaced', count: s.otherUsesReplaced },
    { label: 'Logs converted', count: s.logsConverted },
    { label: 'Sites to migrate by hand', count: s.manualFindings },
  ];
}

const MODE_TITLES: Record<Report['mode'], string> = {
  write: 'migration',
  'dry-run': 'dry run',
  check: 'check',
};

/** "trace-migrate 0.1.0 dry run of src, lib" */
export function reportTitle(report: Report): string {
  const roots = report.roots.length > 0 ? ` of ${report.roots.join(', ')}` : '';
  return `trace-migrate ${report.tool.version} ${MODE_TITLES[report.mode]}${roots}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
