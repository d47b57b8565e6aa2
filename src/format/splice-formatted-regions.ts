// Formats only what the edits changed. The formatter prints the whole original file (Q) and the
// whole edited file (P); the lines where Q and P differ are exactly the lines the edits changed,
// in formatted form. Those lines of P replace the matching lines of the original, and every
// other line of the original stays byte for byte — even where the file was never formatted.
//
// When the original is not formatted (Q ≠ original), its lines are matched to Q's through the
// layout tokens (same program, other layout), and a region grows until whole original lines map
// to whole Q lines, so no original text is dropped or duplicated at a region's edge.
import { diffArrays } from 'diff';
import { layoutTokens, parseForLayout, parsesCleanly, sameTokens, type LayoutToken } from './layout-tokens.js';

export interface SpliceInput {
  path: string;
  original: string;
  edited: string;
  /** The formatter's output for `original` and for `edited`, with the same options. */
  formattedOriginal: string;
  formattedEdited: string;
}

/** The original with the changed regions in formatted form; undefined when they cannot be matched safely. */
export function spliceFormattedRegions(input: SpliceInput): string | undefined {
  const { original, formattedOriginal: q, formattedEdited: p } = input;
  const qLines = splitLines(q);
  const pLines = splitLines(p);
  const hunks = changedHunks(qLines, pLines);
  if (hunks.length === 0) return undefined;
  const equalInP = equalLineMap(qLines, pLines);

  const mapping = original === q ? identityMapping(qLines) : tokenMapping(input.path, original, q, qLines);
  if (!mapping) return undefined;
  const regions = mapping.regionsFor(hunks);
  if (!regions) return undefined;

  let out = '';
  let cursor = 0;
  for (const region of regions) {
    if (region.originalStart < cursor) return undefined;
    const pa = region.qa === 0 ? 0 : equalInP[region.qa - 1]! + 1;
    const pb = region.qb === qLines.length ? pLines.length : equalInP[region.qb]!;
    out += original.slice(cursor, region.originalStart) + pLines.slice(pa, pb).join('');
    cursor = region.originalEnd;
  }
  out += original.slice(cursor);

  // The splice must be the edited program, only laid out differently.
  const result = parseForLayout(input.path, out);
  if (!parsesCleanly(result) || !sameTokens(layoutTokens(result), layoutTokens(parseForLayout(input.path, input.edited)))) return undefined;
  return out;
}

/** A run of Q lines [qa, qb) that differs from P (qa === qb: P inserts lines before qa). */
interface Hunk {
  qa: number;
  qb: number;
}

/** A hunk and the original text it stands for: [originalStart, originalEnd) covers whole lines. */
interface Region extends Hunk {
  originalStart: number;
  originalEnd: number;
}

interface Mapping {
  regionsFor(hunks: Hunk[]): Region[] | undefined;
}

/** Lines with their line ends, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function changedHunks(qLines: string[], pLines: string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let q = 0;
  for (const change of diffArrays(qLines, pLines)) {
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

/** For each Q line equal to a P line, that P line's index (changed Q lines: undefined). */
function equalLineMap(qLines: string[], pLines: string[]): (number | undefined)[] {
  const map: (number | undefined)[] = new Array(qLines.length).fill(undefined);
  let q = 0;
  let p = 0;
  for (const change of diffArrays(qLines, pLines)) {
    const count = change.count ?? change.value.length;
    if (change.added) p += count;
    else if (change.removed) q += count;
    else for (let i = 0; i < count; i++) map[q++] = p++;
  }
  return map;
}

/** Hunks that overlap or touch become one, so each region's edges are unchanged lines. */
function mergeTouching(hunks: Hunk[]): Hunk[] {
  const sorted = [...hunks].sort((a, b) => a.qa - b.qa);
  const merged: Hunk[] = [];
  for (const hunk of sorted) {
    const last = merged[merged.length - 1];
    if (last && hunk.qa <= last.qb) last.qb = Math.max(last.qb, hunk.qb);
    else merged.push({ ...hunk });
  }
  return merged;
}

function lineStarts(lines: string[]): number[] {
  const starts = [0];
  for (const line of lines) starts.push(starts[starts.length - 1]! + line.length);
  return starts;
}

/** The original is already formatted: line i of Q is line i of the original. */
function identityMapping(qLines: string[]): Mapping {
  const starts = lineStarts(qLines);
  return {
    regionsFor: (hunks) => hunks.map((h) => ({ ...h, originalStart: starts[h.qa]!, originalEnd: starts[h.qb]! })),
  };
}

/** Lines of an unformatted original matched to Q's lines through their shared tokens. */
function tokenMapping(path: string, original: string, q: string, qLines: string[]): Mapping | undefined {
  const originalFile = parseForLayout(path, original);
  if (!parsesCleanly(originalFile)) return undefined;
  const oTokens = layoutTokens(originalFile);
  const qTokens = layoutTokens(parseForLayout(path, q));
  const qToO = new Array<number>(qTokens.length).fill(-1);
  const oToQ = new Array<number>(oTokens.length).fill(-1);
  let o = 0;
  let qi = 0;
  for (const change of diffArrays(oTokens.map((t) => t.key), qTokens.map((t) => t.key))) {
    const count = change.count ?? change.value.length;
    if (change.added) qi += count;
    else if (change.removed) o += count;
    else for (let i = 0; i < count; i++, o++, qi++) [qToO[qi], oToQ[o]] = [o, qi];
  }
  const qStarts = lineStarts(qLines);
  const oLines = splitLines(original);
  const oStarts = lineStarts(oLines);
  const lineOf = (starts: number[], offset: number) => {
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const tokensIn = (tokens: LayoutToken[], from: number, to: number) => {
    const out: number[] = [];
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.start >= from && tokens[i]!.start < to) out.push(i);
    return out;
  };

  /** Grows a hunk until its Q lines and the original lines of their tokens cover each other. */
  const settle = (hunk: Hunk): Region | undefined => {
    let { qa, qb } = hunk;
    for (let round = 0; round < 1000; round++) {
      const matched = tokensIn(qTokens, qStarts[qa]!, qStarts[qb]!).filter((i) => qToO[i]! >= 0);
      if (matched.length === 0 && qa === qb) {
        // Inserted lines: before the original line that starts with the token Q's next line starts with.
        const next = qTokens.findIndex((t, i) => t.start >= qStarts[qb]! && qToO[i]! >= 0);
        const anchor = next >= 0 ? oTokens[qToO[next]!]! : undefined;
        if (next < 0) return { qa, qb, originalStart: original.length, originalEnd: original.length };
        const oLine = lineOf(oStarts, anchor!.start);
        if (lineOf(qStarts, qTokens[next]!.start) === qb && original.slice(oStarts[oLine]!, anchor!.start).trim() === '') {
          return { qa, qb, originalStart: oStarts[oLine]!, originalEnd: oStarts[oLine]! };
        }
      }
      if (matched.length === 0) {
        // Nothing to anchor the region in the original: take in a neighbouring line.
        if (qa > 0) qa--;
        else if (qb < qLines.length) qb++;
        else return undefined;
        continue;
      }
      const oFirst = oTokens[qToO[matched[0]!]!]!;
      const oLast = oTokens[qToO[matched[matched.length - 1]!]!]!;
      const oa = lineOf(oStarts, oFirst.start);
      const ob = lineOf(oStarts, oLast.end - 1) + 1;
      let nextQa = qa;
      let nextQb = qb;
      for (const i of tokensIn(oTokens, oStarts[oa]!, oStarts[ob]!)) {
        const j = oToQ[i]!;
        if (j < 0) continue;
        nextQa = Math.min(nextQa, lineOf(qStarts, qTokens[j]!.start));
        nextQb = Math.max(nextQb, lineOf(qStarts, qTokens[j]!.end - 1) + 1);
      }
      if (nextQa === qa && nextQb === qb) return { qa, qb, originalStart: oStarts[oa]!, originalEnd: oStarts[ob]! };
      qa = nextQa;
      qb = nextQb;
    }
    return undefined;
  };

  return {
    regionsFor(hunks) {
      let current = hunks;
      for (let round = 0; round < 100; round++) {
        const regions: Region[] = [];
        for (const hunk of current) {
          const region = settle(hunk);
          if (!region) return undefined;
          regions.push(region);
        }
        const merged = mergeTouching(regions);
        if (merged.length === regions.length) return regions;
        current = merged;
      }
      return undefined;
    },
  };
}
