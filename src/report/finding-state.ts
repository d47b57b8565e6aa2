// Which findings fail the --check gate. The check stage may mark findings that are already in the
// baseline (`baselined: true`) and may count the rest in `summary.newFindings`; both are optional,
// so this module reads them defensively and is the one place that decides.
import type { Finding, FindingKind, Report } from './report.js';

/** Kinds a human must act on; `note` is information only. */
const GATING_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>(['manual', 'kept', 'error']);

export function isBaselined(finding: Finding): boolean {
  return (finding as Finding & { baselined?: unknown }).baselined === true;
}

/** True when the report says anything about a baseline (so "new" vs "baselined" is meaningful). */
export function hasBaselineInfo(report: Report): boolean {
  return (
    // Set only when a baseline was read: without one, "not in the baseline" would mislead.
    typeof report.summary.fixedSinceBaseline === 'number' ||
    report.findings.some((finding) => finding.baselined === true)
  );
}

export function isGating(finding: Finding): boolean {
  return GATING_KINDS.has(finding.kind) && !isBaselined(finding);
}

/** Number of findings that fail the gate: the check stage's own count when it gives one. */
export function gatingCount(report: Report): number {
  const reported = (report.summary as { newFindings?: unknown }).newFindings;
  if (typeof reported === 'number' && Number.isInteger(reported) && reported >= 0) return reported;
  return report.findings.filter(isGating).length;
}
