// Edits are data: every rule returns TextEdits against a file's ORIGINAL text, and one
// function applies them. Overlapping edits are a bug in a rule, so they are rejected loudly.
import { describeUnit, type EditUnit } from './edit-unit.js';

export interface TextEdit {
  /** Absolute path of the file the offsets refer to. */
  file: string;
  /** Offsets into the original text (UTF-16 code units, as the TypeScript AST reports them). */
  start: number;
  end: number;
  text: string;
  /**
   * Which units of change this edit belongs to (a parameter group, a log call, an origin): when
   * the type check refuses one, its edits are dropped together. None for the runtime import, which
   * goes with the last edit of its file.
   */
  owners: readonly EditUnit[];
  /**
   * Set when the edit moves whole original lines one indentation level deeper between a line it
   * writes before them and one after (a `withTrace(…)` wrap, FileEdits.addIndented). The format
   * stage keeps moved lines as their author laid them out, and checks only what the edit wrote.
   */
  indents?: IndentedLines;
}

export interface IndentedLines {
  /** The text before the moved lines (with its line break), and after them (with the one before it). */
  head: string;
  tail: string;
  /** What each moved line gained at its start. */
  unit: string;
  /** The edits inside the moved lines, against the original text; the edit's text holds them already. */
  inner: readonly TextEdit[];
}

export class OverlappingEditsError extends Error {
  constructor(
    readonly first: TextEdit,
    readonly second: TextEdit,
  ) {
    super(
      `overlapping edits in ${first.file}: [${first.start},${first.end}) by ${first.owners.map(describeUnit).join(', ')} and [${second.start},${second.end}) by ${second.owners.map(describeUnit).join(', ')}`,
    );
  }
}

/** Stable order: by start, then insertions before replacements at the same offset, then input order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.index - b.index,
    )
    .map(({ edit }) => edit);
}

/** Applies edits to `text` in one pass. Zero-width insertions at the same offset keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  let out = '';
  let cursor = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      throw new OverlappingEditsError(previous ?? edit, edit);
    }
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    previous = edit;
  }
  return out + text.slice(cursor);
}

/**
 * Maps an offset in the edited text back to the original text (for diagnostics of the edited
 * program). Offsets inside inserted text map to the start of the edit that inserted them.
 */
export function mapEditedOffsetToOriginal(edits: readonly TextEdit[], editedOffset: number): number {
  let delta = 0;
  for (const edit of sortEdits(edits)) {
    const editedStart = edit.start + delta;
    if (editedOffset < editedStart) break;
    const editedEnd = editedStart + edit.text.length;
    if (editedOffset < editedEnd) return edit.start;
    delta += edit.text.length - (edit.end - edit.start);
  }
  return editedOffset - delta;
}
