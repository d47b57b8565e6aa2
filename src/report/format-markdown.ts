// A report ready to post as a pull-request comment: verdict, counts table, findings table, then
// the dry-run diff in one collapsible section per file. GitHub rejects comments over 65,536
// characters, so diff sections stop at a budget and the rest is named, not silently dropped.
import { entryLocation, reportEntries } from './entries.js';
import type { FormatContext } from './format-context.js';
import { splitUnifiedDiff } from './diff-files.js';
import { outcomeSentence, plural } from './outcome.js';
import type { Report } from './report.js';
import { formatDuration, reportTitle, summaryRows } from './summary-rows.js';

/** Lets a workflow find and update its own earlier comment instead of adding a new one. */
export const MARKDOWN_MARKER = '<!-- trace-migrate-report -->';
/** Total size the markdown may reach with diff sections; GitHub's comment limit is 65,536. */
export const MARKDOWN_BUDGET = 60_000;
/** Of which the findings table may take this much; the rest is for the diff. */
export const FINDINGS_BUDGET = 30_000;

export function formatMarkdown(report: Report, _ctx: FormatContext): string {
  const out: string[] = [MARKDOWN_MARKER, `### ${escapeText(reportTitle(report))}`, ''];
  out.push(`**${escapeText(outcomeSentence(report))}** (${formatDuration(report.durationMs)})`, '');

  out.push('| | Count |', '| :-- | --: |');
  for (const row of summaryRows(report)) out.push(`| ${row.label} | ${row.count} |`);
  out.push('');

  const entries = reportEntries(report);
  const shown = entries.filter((entry) => !entry.baselined);
  if (shown.length > 0) {
    out.push(`#### Findings (${shown.length})`, '');
    out.push('| Location | Kind | Message | Rule |', '| :-- | :-- | :-- | :-- |');
    let size = out.join('\n').length;
    let rows = 0;
    for (const entry of shown) {
      const rule = entry.ruleId === undefined ? '' : inlineCode(entry.ruleId);
      const row = `| ${inlineCode(entryLocation(entry))} | ${entry.kind} | ${escapeText(entry.message)} | ${rule} |`;
      if (size + row.length > FINDINGS_BUDGET) break;
      out.push(row);
      size += row.length + 1;
      rows++;
    }
    if (rows < shown.length) {
      out.push('', `_${plural(shown.length - rows, 'more finding')} not shown (GitHub's comment size limit); \`--format json\` or \`--format sarif\` lists them all._`);
    }
    out.push('');
  }
  const baselined = entries.length - shown.length;
  if (baselined > 0) out.push(`_${plural(baselined, 'finding')} already in the baseline not listed._`, '');

  const fileDiffs = report.diff ? splitUnifiedDiff(report.diff) : [];
  if (fileDiffs.length > 0) {
    out.push(`#### Diff (${plural(fileDiffs.length, 'file')})`, '');
    let size = out.join('\n').length;
    let sections = 0;
    for (const fileDiff of fileDiffs) {
      const section = diffSection(fileDiff.path, fileDiff.added, fileDiff.removed, fileDiff.text);
      if (size + section.length + 200 > MARKDOWN_BUDGET) break;
      out.push(section);
      size += section.length + 1;
      sections++;
    }
    if (sections < fileDiffs.length) {
      const hidden = fileDiffs.length - sections;
      out.push(
        `_${plural(hidden, 'more file')} not shown: the comment would pass GitHub's size limit. Run the dry run locally or download the patch artifact._`,
        '',
      );
    }
  }
  return out.join('\n');
}

function diffSection(path: string, added: number, removed: number, text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return [
    '<details>',
    `<summary><code>${escapeHtml(path)}</code> (+${added} -${removed})</summary>`,
    '',
    `${fence}diff`,
    text.endsWith('\n') ? text.slice(0, -1) : text,
    fence,
    '',
    '</details>',
    '',
  ].join('\n');
}

/** Text for a table cell or a heading: no raw HTML, no cell breaks, one line. */
export function escapeText(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span that survives backticks and pipes in its content (GFM tables unescape `\|` in code). */
export function inlineCode(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
