// Edits are data: every rule returns TextEdits against a file's ORIGINAL text, and one
// function applies them. Overlapping edits are a bug in a rule, so they are rejected loudly.

export interface TextEdit {
  /** Absolute path of the file the offsets refer to. */
  file: string;
  /** Offsets into the original text (UTF-16 code units, as the TypeScript AST reports them). */
  start: number;
  end: number;
  text: string;
  /**
   * Which unit of change this edit belongs to (a parameter group, a log call, an origin). When the
   * type check rejects a unit, all its edits are dropped together.
   */
  owner: string;
}

export class OverlappingEditsError extends Error {
  constructor(
    readonly first: TextEdit,
    readonly second: TextEdit,
  ) {
    super(
      `overlapping edits in ${first.file}: [${first.start},${first.end}) by ${first.owner} and [${second.start},${second.end}) by ${second.owner}`,
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
