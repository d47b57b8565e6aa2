// The quick way to format only what the edits changed, from the formatted edited file (P) alone.
// The lines where the edited file and P differ are either the edits' own layout or the original's
// (a file that was never formatted). A run of differing lines made only of lines the edits wrote
// is the edits' layout: P's lines replace it. A run with no edited line in or next to it is the
// original's layout and stays. A run that mixes the two cannot be told apart without formatting
// the original as well: then the caller falls back to spliceFormattedRegions.
import { changedHunks, equalLineMap, replacementLines, splitLines, type Hunk } from './line-hunks.js';
import { identityMapping, replaceRegions } from './line-mapping.js';
import { isLayoutOf } from './splice-formatted-regions.js';

export interface QuickSpliceInput {
  path: string;
  original: string;
  edited: string;
  /** The formatter's output for `edited`. */
  formattedEdited: string;
}

/** The edited file with the edits' lines in formatted form; 'needs-original' when a run of lines mixes edits and original layout. */
export function spliceAroundEdits(input: QuickSpliceInput): string | 'needs-original' {
  const { edited, formattedEdited: p } = input;
  const eLines = splitLines(edited);
  const pLines = splitLines(p);
  const hunks = changedHunks(eLines, pLines);
  if (hunks.length === 0) return edited;
  const edits = editedLines(splitLines(input.original), eLines);

  const taken: Hunk[] = [];
  for (const hunk of hunks) {
    const kind = classify(hunk, edits);
    if (kind === 'mixed') return 'needs-original';
    if (kind === 'edits') taken.push(hunk);
  }
  if (taken.length === 0) return edited;
  if (taken.length === hunks.length) return isLayoutOf(input.path, p, edited) ? p : 'needs-original';

  // The hunks are runs of the edited file's own lines: they stand for themselves.
  const equalInP = equalLineMap(eLines, pLines);
  const regions = identityMapping(eLines).regionsFor(taken) ?? [];
  const out = replaceRegions(edited, regions, (hunk) => replacementLines(hunk, eLines.length, pLines, equalInP).join(''));
  return out !== undefined && isLayoutOf(input.path, out, edited) ? out : 'needs-original';
}

/** Which lines of the edited file the edits wrote, and where they removed lines. */
interface EditedLines {
  /** written[i]: line i of the edited file is not a line of the original. */
  written: boolean[];
  /** removedBefore[i]: original lines were removed just before edited line i (i = length: at the end). */
  removedBefore: boolean[];
}

function editedLines(oLines: string[], eLines: string[]): EditedLines {
  const written = new Array<boolean>(eLines.length).fill(true);
  const removedBefore = new Array<boolean>(eLines.length + 1).fill(false);
  const equalInE = equalLineMap(oLines, eLines);
  let previous = -1;
  for (let o = 0; o < oLines.length; o++) {
    const e = equalInE[o];
    if (e === undefined) continue;
    written[e] = false;
    // Original lines between two kept ones that are not in the edited file were removed (or rewritten).
    if (o > 0 && equalInE[o - 1] === undefined) removedBefore[e] = true;
    previous = e;
  }
  if (oLines.length > 0 && equalInE[oLines.length - 1] === undefined) removedBefore[previous + 1] = true;
  return { written, removedBefore };
}

/**
 * 'edits': only written lines. 'original': no written line and no removal in or at the edge of the
 * run (removing a list's last line may take the comma off the line before it), and, for lines the
 * formatter inserts, no written neighbour either. Anything else is 'mixed'.
 */
function classify(hunk: Hunk, edits: EditedLines): 'edits' | 'original' | 'mixed' {
  let written = 0;
  for (let i = hunk.qa; i < hunk.qb; i++) if (edits.written[i]) written++;
  const size = hunk.qb - hunk.qa;
  if (size > 0 && written === size) return 'edits';
  let touches = written > 0 || (size === 0 && (edits.written[hunk.qa - 1] === true || edits.written[hunk.qa] === true));
  for (let i = hunk.qa; i <= hunk.qb && !touches; i++) touches = edits.removedBefore[i]!;
  return touches ? 'mixed' : 'original';
}
