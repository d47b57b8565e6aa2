// Formats only what the edits changed. The formatter prints the whole original file (Q) and the
// whole edited file (P); the lines where Q and P differ are exactly the lines the edits changed,
// in formatted form. Those lines of P replace the matching lines of the original, and every
// other line of the original stays byte for byte — even where the file was never formatted.
import { layoutTokens, parseForLayout, parsesCleanly, sameTokens } from './layout-tokens.js';
import { changedHunks, equalLineMap, replacementLines, splitLines } from './line-hunks.js';
import { identityMapping, replaceRegions, tokenMapping } from './line-mapping.js';

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
  const regions = mapping?.regionsFor(hunks);
  if (!regions) return undefined;

  const out = replaceRegions(original, regions, (region) => replacementLines(region, qLines.length, pLines, equalInP).join(''));
  return out !== undefined && isLayoutOf(input.path, out, input.edited) ? out : undefined;
}

/**
 * Whether `text` is the `edited` program, only laid out differently (it parses, with the same hard
 * tokens). Checked even when the text is the formatter's own output: a project's prettier plugins
 * may reorder imports or rewrite code, which is more than layout.
 */
export function isLayoutOf(path: string, text: string, edited: string): boolean {
  const result = parseForLayout(path, text);
  return parsesCleanly(result) && sameTokens(layoutTokens(result), layoutTokens(parseForLayout(path, edited)));
}
