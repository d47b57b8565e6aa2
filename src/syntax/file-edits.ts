// The edits planned for one file. Rules add edits in a fixed order (inner before outer): an
// edit that covers earlier ones replaces them, after rendering them into its own text with
// `render`. Partial overlaps are bugs in a rule and throw.
import type { SourceText } from './source-text.js';
import { distinctUnits, type EditUnit } from './edit-unit.js';
import { applyEdits, OverlappingEditsError, sortEdits, type IndentedLines, type TextEdit } from './text-edit.js';

export class FileEdits {
  private edits: TextEdit[] = [];

  constructor(readonly source: SourceText) {}

  get path(): string {
    return this.source.path;
  }

  get all(): readonly TextEdit[] {
    return this.edits;
  }

  /** Adds an edit; earlier edits inside its range are dropped (render them into `text` first). */
  add(start: number, end: number, text: string, owners: EditUnit | readonly EditUnit[]): void {
    this.push({ file: this.source.path, start, end, text, owners: distinctUnits(isUnitList(owners) ? owners : [owners]) });
  }

  /**
   * Replaces the whole lines [start, end) with `head`, those lines one `unit` deeper (as
   * renderIndented gives them), and `tail`. The edit records what it moved (TextEdit.indents).
   */
  addIndented(start: number, end: number, lines: Omit<IndentedLines, 'inner'> & { isProtected: (originalLineStart: number) => boolean }, owners: readonly EditUnit[]): void {
    const { head, tail, unit, isProtected } = lines;
    const inner = this.edits.filter((e) => contains({ start, end }, e));
    const text = head + this.renderIndented(start, end, unit, isProtected) + tail;
    this.push({ file: this.source.path, start, end, text, owners: distinctUnits(owners), indents: { head, tail, unit, inner } });
  }

  private push(edit: TextEdit): void {
    const kept: TextEdit[] = [];
    for (const existing of this.edits) {
      if (contains(edit, existing)) continue;
      if (overlaps(edit, existing)) throw new OverlappingEditsError(existing, edit);
      kept.push(existing);
    }
    kept.push(edit);
    this.edits = kept;
  }

  /** The original text of [start, end) with the edits inside it applied. */
  render(start: number, end: number): string {
    const inner = this.edits.filter((e) => contains({ start, end }, e)).map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
    return applyEdits(this.source.text.slice(start, end), inner);
  }

  /**
   * Like `render`, with `unit` added at the start of every non-blank line — except lines that
   * begin inside a multi-line string or template literal of the original text (`isProtected`).
   * [start, end) must begin at a line start.
   */
  renderIndented(start: number, end: number, unit: string, isProtected: (originalLineStart: number) => boolean): string {
    const text = this.source.text;
    const inner = sortEdits(this.edits.filter((e) => contains({ start, end }, e)));
    let out = '';
    let atLineStart = true;
    const emit = (chunk: string, originalOffset: number | undefined) => {
      for (let i = 0; i < chunk.length; i++) {
        const ch = chunk[i]!;
        if (atLineStart) {
          const lineEnd = chunk.indexOf('\n', i);
          const line = chunk.slice(i, lineEnd < 0 ? chunk.length : lineEnd);
          const blank = /^[ \t]*\r?$/.test(line) && (lineEnd >= 0 || originalOffset === undefined);
          if (!blank && !(originalOffset !== undefined && isProtected(originalOffset + i))) out += unit;
          atLineStart = false;
        }
        out += ch;
        if (ch === '\n') atLineStart = true;
      }
    };
    let cursor = start;
    for (const edit of inner) {
      emit(text.slice(cursor, edit.start), cursor);
      emit(edit.text, undefined);
      cursor = edit.end;
    }
    emit(text.slice(cursor, end), cursor);
    return out;
  }

  /** Owners of the edits inside [start, end) (a covering edit inherits them). */
  ownersWithin(start: number, end: number): EditUnit[] {
    return distinctUnits(this.edits.filter((e) => contains({ start, end }, e)).flatMap((e) => e.owners));
  }

  /** True when some edit already replaces text strictly around [start, end). */
  isInsideEdit(start: number, end: number): boolean {
    return this.edits.some((e) => e.end > e.start && e.start <= start && end <= e.end && !(start === end && (start === e.start || start === e.end)));
  }

  result(): string {
    return applyEdits(this.source.text, this.edits);
  }

  sorted(): TextEdit[] {
    return sortEdits(this.edits);
  }
}

function isUnitList(owners: EditUnit | readonly EditUnit[]): owners is readonly EditUnit[] {
  return Array.isArray(owners);
}

/** `inner` lies within `outer` (zero-width edits on its boundary count as inside). */
function contains(outer: { start: number; end: number }, inner: TextEdit): boolean {
  if (inner.start === inner.end) return outer.start <= inner.start && inner.start <= outer.end && outer.end > outer.start;
  return outer.start <= inner.start && inner.end <= outer.end;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}
