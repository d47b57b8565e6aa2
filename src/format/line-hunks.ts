// Line-level diffs of two texts, shared by the two ways the format stage splices formatted lines
// into a file (splice-formatted-regions.ts, splice-around-edits.ts).
import { diffArrays } from 'diff';

/** A run of lines [qa, qb) of the first text that differs from the second (qa === qb: the second inserts lines before qa). */
export interface Hunk {
  qa: number;
  qb: number;
}

/** Lines with their line ends, so joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** Offsets of each line's start, and of the end of the text last. */
export function lineStarts(lines: string[]): number[] {
  const starts = [0];
  for (const line of lines) starts.push(starts[starts.length - 1]! + line.length);
  return starts;
}

/** The runs of `from` lines that `to` changes, touching runs merged. */
export function changedHunks(from: string[], to: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let q = 0;
  for (const change of diffArrays(from, to)) {
    const count = change.count ?? change.value.length;
    if (change.added) {
      const last = hunks[hunks.length - 1];
      if (last && last.qb === q) continue; // right after a removal: same hunk
      hunks.push({ qa: q, qb: q });
    } else if (change.removed) {
      const last = hunks[hunks.length - 1];
      if (last && last.qb === q) last.qb = q + count;
      else hunks.push({ qa: q, qb: q + count });
      q += count;
    } else {
      q += count;
    }
  }
  return mergeTouching(hunks);
}

/** For each `from` line equal to a `to` line, that line's index in `to` (changed lines: undefined). */
export function equalLineMap(from: string[], to: string[]): (number | undefined)[] {
  const map: (number | undefined)[] = new Array(from.length).fill(undefined);
  let q = 0;
  let p = 0;
  for (const change of diffArrays(from, to)) {
    const count = change.count ?? change.value.length;
    if (change.added) p += count;
    else if (change.removed) q += count;
    else for (let i = 0; i < count; i++) map[q++] = p++;
  }
  return map;
}

/** Hunks that overlap or touch become one, so each region's edges are unchanged lines. */
export function mergeTouching<T extends Hunk>(hunks: T[]): T[] {
  const sorted = [...hunks].sort((a, b) => a.qa - b.qa);
  const merged: T[] = [];
  for (const hunk of sorted) {
    const last = merged[merged.length - 1];
    if (last && hunk.qa <= last.qb) last.qb = Math.max(last.qb, hunk.qb);
    else merged.push({ ...hunk });
  }
  return merged;
}

/** The `to` lines that stand for hunk [qa, qb) of `from`, given equalLineMap(from, to). */
export function replacementLines(hunk: Hunk, fromLength: number, to: string[], equalInTo: (number | undefined)[]): string[] {
  const pa = hunk.qa === 0 ? 0 : equalInTo[hunk.qa - 1]! + 1;
  const pb = hunk.qb === fromLength ? to.length : equalInTo[hunk.qb]!;
  return to.slice(pa, pb);
}
