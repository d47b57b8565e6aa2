// Human-readable report for a terminal: title, counts, every finding by file, one-line verdict.
import { Chalk, type ChalkInstance } from 'chalk';
import { entryLocation, groupByFile, reportEntries, type EntryKind, type ReportEntry } from './entries.js';
import { gatingCount, hasBaselineInfo } from './finding-state.js';
import type { FormatContext } from './format-context.js';
import { outcomeSentence, plural, verdict } from './outcome.js';
import type { Report } from './report.js';
import { formatDuration, reportTitle } from './summary-rows.js';

const KIND_WIDTH = 7; // longest kind: "skipped"

export function formatText(report: Report, ctx: FormatContext): string {
  // Level 1 (16 colours): supported everywhere colour is, and deterministic in tests.
  const paint = new Chalk({ level: ctx.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(`${paint.bold(reportTitle(report))} ${paint.dim(`(${formatDuration(report.durationMs)})`)}`, '');
  lines.push(...summaryLines(report), '');
  const entries = reportEntries(report);
  for (const group of groupByFile(entries.filter((entry) => !entry.baselined))) {
    const width = Math.max(...group.map((entry) => entryLocation(entry).length));
    for (const entry of group) lines.push(entryLine(entry, width, paint));
    lines.push('');
  }
  const baselined = entries.filter((entry) => entry.baselined).length;
  if (baselined > 0) lines.push(paint.dim(`${plural(baselined, 'finding')} in the baseline not shown.`), '');
  const verdictColour = { good: paint.green, warning: paint.yellow, bad: paint.red }[verdict(report)];
  lines.push(verdictColour.bold(outcomeSentence(report)));
  return lines.join('\n') + '\n';
}

function summaryLines(report: Report): string[] {
  const s = report.summary;
  if (report.mode === 'check') {
    const findings = hasBaselineInfo(report)
      ? `${report.findings.length}, ${gatingCount(report)} not in the baseline`
      : `${report.findings.length}`;
    return [`Files     ${s.filesScanned} scanned`, `Findings  ${findings}`];
  }
  return [
    `Files    ${s.filesScanned} scanned, ${s.filesChanged} changed, ${s.filesSkipped} skipped, ${s.filesFailed} failed`,
    `Changes  ${[
      `${plural(s.paramsRemoved, 'parameter')} removed`,
      `${plural(s.callSitesUpdated, 'call site')} updated`,
      `${plural(s.originsWrapped, 'origin')} wrapped`,
      `${plural(s.otherUsesReplaced, 'other use')} replaced`,
      `${plural(s.logsConverted, 'log')} converted`,
    ].join(', ')}`,
    ...formattingLine(report),
  ];
}

/** Which formatter laid out the changed lines, and with which config. */
function formattingLine(report: Report): string[] {
  const f = report.formatting;
  if (!f || (f.formatter !== 'off' && f.filesFormatted === 0)) return [];
  if (f.formatter === 'off') return ['Format   off (--no-format): changed lines as the rules wrote them'];
  return [`Format   ${plural(f.filesFormatted, 'file')} with ${f.with.join('; ')}`];
}

/** `file:line:col  kind  message  (ruleId)`, locations padded to align within a file. */
function entryLine(entry: ReportEntry, locationWidth: number, paint: ChalkInstance): string {
  const kind = kindColour(entry.kind, paint)(entry.kind.padEnd(KIND_WIDTH));
  const rule = entry.ruleId === undefined ? '' : `  ${paint.dim(`(${entry.ruleId})`)}`;
  return `${entryLocation(entry).padEnd(locationWidth)}  ${kind}  ${oneLine(entry.message)}${rule}`;
}

function kindColour(kind: EntryKind, paint: ChalkInstance): ChalkInstance {
  switch (kind) {
    case 'error':
    case 'failed':
      return paint.red;
    case 'manual':
    case 'skipped':
      return paint.yellow;
    case 'kept':
      return paint.cyan;
    case 'note':
      return paint.dim;
  }
}

/**
 * A finding is one line (a newline would break tools that scan `file:line:col`), and a message
 * quoting source text must not smuggle terminal control sequences.
 */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
