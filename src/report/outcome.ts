// The one-sentence verdict every human-readable format ends with.
import { gatingCount, hasBaselineInfo } from './finding-state.js';
import type { Report } from './report.js';

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Whether the verdict is good news, for colouring and icons. */
export type Verdict = 'good' | 'warning' | 'bad';

export function verdict(report: Report): Verdict {
  if (report.outcome === 'nothing-selected') return 'bad';
  if (report.mode === 'check') return gatingCount(report) > 0 ? 'bad' : 'good';
  return report.outcome === 'partial' ? 'warning' : 'good';
}

export function outcomeSentence(report: Report): string {
  if (report.outcome === 'nothing-selected') {
    const roots = report.roots.length > 0 ? report.roots.join(', ') : 'the given paths';
    return `Nothing selected: no file to migrate in ${roots}. Nothing was done.`;
  }
  if (report.mode === 'check') return checkSentence(report);

  const { filesChanged, filesScanned, filesFailed, manualFindings } = report.summary;
  const dryRun = report.mode === 'dry-run';
  const parts = [`${filesChanged} of ${plural(filesScanned, 'file')} ${dryRun ? 'would change' : 'changed'}`];
  if (manualFindings > 0) parts.push(`${plural(manualFindings, 'site')} to migrate by hand`);
  if (filesFailed > 0) parts.push(`${plural(filesFailed, 'file')} failed`);
  const errors = report.findings.filter((finding) => finding.kind === 'error').length;
  if (errors > 0) parts.push(plural(errors, 'error'));

  const prefix = report.outcome === 'partial' ? (dryRun ? 'Partial dry run' : 'Partial') : dryRun ? 'Dry run' : 'Done';
  return `${prefix}: ${parts.join(', ')}${dryRun ? '; nothing was written.' : '.'}`;
}

function checkSentence(report: Report): string {
  const failing = gatingCount(report);
  if (failing > 0) {
    return `Check failed: ${plural(failing, 'finding')}${hasBaselineInfo(report) ? ' not in the baseline' : ''}.`;
  }
  const accepted = report.findings.filter((finding) => finding.kind !== 'note').length;
  return accepted === 0 ? 'Check passed: no findings.' : `Check passed: ${plural(accepted, 'finding')}, all in the baseline.`;
}
