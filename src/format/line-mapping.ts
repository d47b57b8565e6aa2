// Which original lines a run of formatted lines stands for. When the original is formatted, line i
// is line i; when it is not, lines are matched through the layout tokens the two texts share
// (same program, other layout), and a region grows until whole original lines map to whole
// formatted lines, so no original text is dropped or duplicated at a region's edge.
import { diffArrays } from 'diff';
import { layoutTokens, parseForLayout, parsesCleanly, type LayoutToken } from './layout-tokens.js';
import { lineStarts, mergeTouching, splitLines, type Hunk } from './line-hunks.js';

/** A hunk of formatted lines and the original text it stands for: [originalStart, originalEnd) covers whole lines. */
export interface Region extends Hunk {
  originalStart: number;
  originalEnd: number;
}

export interface LineMapping {
  /** The original text of each hunk (touching regions merged); undefined when they cannot be matched. */
  regionsFor(hunks: Hunk[]): Region[] | undefined;
}

/** `text` with each region's span replaced by `replace(region)`; undefined when regions overlap or are out of order. */
export function replaceRegions(text: string, regions: readonly Region[], replace: (region: Region) => string): string | undefined {
  let out = '';
  let cursor = 0;
  for (const region of regions) {
    if (region.originalStart < cursor) return undefined;
    out += text.slice(cursor, region.originalStart) + replace(region);
    cursor = region.originalEnd;
  }
  return out + text.slice(cursor);
}

/** The original is already formatted: line i of Q is line i of the original. */
export function identityMapping(qLines: string[]): LineMapping {
  const starts = lineStarts(qLines);
  return {
    regionsFor: (hunks) => hunks.map((h) => ({ ...h, originalStart: starts[h.qa]!, originalEnd: starts[h.qb]! })),
  };
}

/** Lines of an unformatted original matched to its formatted form Q through their shared tokens. */
export function tokenMapping(path: string, original: string, q: string, qLines: string[]): LineMapping | undefined {
  const originalFile = parseForLayout(path, original);
  if (!parsesCleanly(originalFile)) return undefined;
  return new TokenLineMapping(original, layoutTokens(originalFile), qLines, layoutTokens(parseForLayout(path, q)));
}

/** Settling rounds before a region is declared unmatchable (each round only grows it). */
const MAX_GROWTH_ROUNDS = 1000;
const MAX_MERGE_ROUNDS = 100;

class TokenLineMapping implements LineMapping {
  private readonly qToO: number[];
  private readonly oToQ: number[];
  private readonly qStarts: number[];
  private readonly oStarts: number[];

  constructor(
    private readonly original: string,
    private readonly oTokens: LayoutToken[],
    private readonly qLines: string[],
    private readonly qTokens: LayoutToken[],
  ) {
    [this.oToQ, this.qToO] = matchTokens(oTokens, qTokens);
    this.qStarts = lineStarts(qLines);
    this.oStarts = lineStarts(splitLines(original));
  }

  regionsFor(hunks: Hunk[]): Region[] | undefined {
    let current = hunks;
    for (let round = 0; round < MAX_MERGE_ROUNDS; round++) {
      const regions: Region[] = [];
      for (const hunk of current) {
        const region = this.settle(hunk);
        if (!region) return undefined;
        regions.push(region);
      }
      const merged = mergeTouching(regions);
      if (merged.length === regions.length) return regions;
      current = merged;
    }
    return undefined;
  }

  /** Grows a hunk until its Q lines and the original lines of their tokens cover each other. */
  private settle(hunk: Hunk): Region | undefined {
    let { qa, qb } = hunk;
    for (let round = 0; round < MAX_GROWTH_ROUNDS; round++) {
      const matched = this.tokensIn(this.qTokens, this.qStarts[qa]!, this.qStarts[qb]!).filter((i) => this.qToO[i]! >= 0);
      if (matched.length === 0 && qa === qb) {
        const inserted = this.insertionPoint(qa, qb);
        if (inserted) return inserted;
      }
      if (matched.length === 0) {
        // Nothing to anchor the region in the original: take in a neighbouring line.
        if (qa > 0) qa--;
        else if (qb < this.qLines.length) qb++;
        else return undefined;
        continue;
      }
      const oa = lineOf(this.oStarts, this.oTokens[this.qToO[matched[0]!]!]!.start);
      const ob = lineOf(this.oStarts, this.oTokens[this.qToO[matched[matched.length - 1]!]!]!.end - 1) + 1;
      const [nextQa, nextQb] = this.qLinesOfOriginal(oa, ob, qa, qb);
      if (nextQa === qa && nextQb === qb) return { qa, qb, originalStart: this.oStarts[oa]!, originalEnd: this.oStarts[ob]! };
      qa = nextQa;
      qb = nextQb;
    }
    return undefined;
  }

  /** Lines Q inserts before qb go before the original line that starts with the token Q's line qb starts with. */
  private insertionPoint(qa: number, qb: number): Region | undefined {
    const next = this.qTokens.findIndex((t, i) => t.start >= this.qStarts[qb]! && this.qToO[i]! >= 0);
    if (next < 0) return { qa, qb, originalStart: this.original.length, originalEnd: this.original.length };
    const anchor = this.oTokens[this.qToO[next]!]!;
    const oLine = lineOf(this.oStarts, anchor.start);
    const startsLine = this.original.slice(this.oStarts[oLine]!, anchor.start).trim() === '';
    if (lineOf(this.qStarts, this.qTokens[next]!.start) === qb && startsLine) return { qa, qb, originalStart: this.oStarts[oLine]!, originalEnd: this.oStarts[oLine]! };
    return undefined;
  }

  /** The Q lines [qa, qb) grown to hold every token of original lines [oa, ob). */
  private qLinesOfOriginal(oa: number, ob: number, qa: number, qb: number): [number, number] {
    for (const i of this.tokensIn(this.oTokens, this.oStarts[oa]!, this.oStarts[ob]!)) {
      const j = this.oToQ[i]!;
      if (j < 0) continue;
      qa = Math.min(qa, lineOf(this.qStarts, this.qTokens[j]!.start));
      qb = Math.max(qb, lineOf(this.qStarts, this.qTokens[j]!.end - 1) + 1);
    }
    return [qa, qb];
  }

  private tokensIn(tokens: LayoutToken[], from: number, to: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.start >= from && tokens[i]!.start < to) out.push(i);
    return out;
  }
}

/** Token i of `a` ↔ token j of `b` where the two sequences agree (-1: no counterpart). */
function matchTokens(a: LayoutToken[], b: LayoutToken[]): [number[], number[]] {
  const aToB = new Array<number>(a.length).fill(-1);
  const bToA = new Array<number>(b.length).fill(-1);
  let i = 0;
  let j = 0;
  for (const change of diffArrays(a.map((t) => t.key), b.map((t) => t.key))) {
    const count = change.count ?? change.value.length;
    if (change.added) j += count;
    else if (change.removed) i += count;
    else for (let k = 0; k < count; k++, i++, j++) [aToB[i], bToA[j]] = [j, i];
  }
  return [aToB, bToA];
}

/** The line holding `offset`, given the lines' start offsets. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
