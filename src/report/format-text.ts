// Human-readable report for a terminal: title, counts, findings, one-line verdict. A short report
// (or --verbose) lists every finding by file; a long one groups them by reason and file, with
// counts and a few locations each, and lists business ids kept and errors one by one.
import { Chalk, type ChalkInstance } from 'chalk';
import { entryLocation, groupByFile, reportEntries, type EntryKind, type ReportEntry } from './entries.js';
import { gatingCount, hasBaselineInfo } from './finding-state.js';
import type { FormatContext } from './format-context.js';
import { groupByReason, isIndividual, type ReasonGroup } from './grouped-entries.js';
import { outcomeSentence, plural, verdict } from './outcome.js';
import type { Report } from './report.js';
import { formatDuration, reportTitle } from './summary-rows.js';

const KIND_WIDTH = 7; // longest kind: "skipped"
/** Up to this many findings, every one is listed: grouping would not make it shorter. */
const LIST_ALL_UP_TO = 20;
/** Per group: the files shown, and the locations shown per file. */
const FILES_SHOWN = 4;
const LOCATIONS_SHOWN = 3;

export function formatText(report: Report, ctx: FormatContext): string {
  // Level 1 (16 colours): supported everywhere colour is, and deterministic in tests.
  const paint = new Chalk({ level: ctx.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(`${paint.bold(reportTitle(report))} ${paint.dim(`(${formatDuration(report.durationMs)})`)}`, '');
  lines.push(...summaryLines(report), '');
  const entries = reportEntries(report);
  const shown = entries.filter((entry) => !entry.baselined);
  // --check is a gate whose every finding is a line to fix (file:line:col and rule, like a linter's
  // output); a migration's report groups what it left behind.
  const groupable = !ctx.verbose && report.mode !== 'check' && shown.length > LIST_ALL_UP_TO;
  const grouped = groupable ? shown.filter((entry) => !isIndividual(entry)) : [];
  const inGroups = new Set(grouped);
  for (const group of groupByFile(shown.filter((entry) => !inGroups.has(entry)))) {
    const width = Math.max(...group.map((entry) => entryLocation(entry).length));
    for (const entry of group) lines.push(entryLine(entry, width, paint));
    lines.push('');
  }
  if (grouped.length > 0) {
    for (const group of groupByReason(grouped)) lines.push(...reasonLines(group, paint), '');
    lines.push(paint.dim(`${plural(grouped.length, 'finding')} grouped by reason; --verbose lists every one (json, sarif and markdown always do).`), '');
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

/** `manual  <reason>  (rule)  ×N`, then `  file (n): line:col, …` for a few files. */
function reasonLines(group: ReasonGroup, paint: ChalkInstance): string[] {
  const kind = kindColour(group.kind, paint)(group.kind.padEnd(KIND_WIDTH));
  const rule = group.ruleId === undefined ? '' : `  ${paint.dim(`(${group.ruleId})`)}`;
  const lines = [`${kind}  ${oneLine(group.reason)}${rule}  ${paint.bold(`×${group.count}`)}`];
  for (const file of group.files.slice(0, FILES_SHOWN)) {
    const more = file.locations.length > LOCATIONS_SHOWN ? `, +${file.locations.length - LOCATIONS_SHOWN} more` : '';
    const at = file.locations.length > 0 ? `: ${file.locations.slice(0, LOCATIONS_SHOWN).join(', ')}${more}` : '';
    lines.push(`  ${file.file} (${file.count})${at}`);
  }
  const hidden = group.files.slice(FILES_SHOWN);
  if (hidden.length > 0) lines.push(paint.dim(`  … ${hidden.reduce((n, f) => n + f.count, 0)} more in ${plural(hidden.length, 'other file')}`));
  return lines;
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
