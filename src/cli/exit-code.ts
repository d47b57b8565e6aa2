// Exit codes (as knip): 0 success/clean, 1 partial/findings, 2 usage error, nothing selected, crash.
import type { RunMode } from '../config/load.js';
import { gatingCount } from '../report/finding-state.js';
import type { Report } from '../report/report.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function exitCodeFor(report: Report, mode: RunMode, updatedBaseline: boolean): number {
  // A codemod that silently did nothing is the most common complaint about codemods.
  if (report.outcome === 'nothing-selected') return EXIT_USAGE;
  if (mode === 'check') {
    if (updatedBaseline) return EXIT_OK; // the baseline now holds today's findings
    return gatingCount(report) > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  return report.outcome === 'partial' ? EXIT_FINDINGS : EXIT_OK;
}
