// The format stage, between the edits and the write (or the diff): each changed file is laid out
// by format-file.ts, on the main thread and, for many files, a worker too (format-pool.ts); the
// answers come back in file order and are put together here, so the result does not depend on
// which thread laid out which file.
import type { FileChange } from '../apply/write-changes.js';
import type { Formatting } from '../report/report.js';
import type { FormatNote } from './format-file.js';
import { formatFiles, type FormatPoolOptions } from './format-pool.js';
import type { PrettierOptions } from './load-prettier.js';
import type { WrittenInPlace } from './lines-written-in-place.js';

export type { FormatNote } from './format-file.js';

export interface FormattedChanges {
  changes: FileChange[];
  formatting: Formatting;
  notes: FormatNote[];
}

/** What the caller read off its own parse of the edited files (the format stage would parse them again). */
export interface FromProgramParse {
  /** Each file's own style (fileStyleOptions). */
  ownStyles?: ReadonlyMap<string, PrettierOptions>;
  /** The lines the edits wrote, for files whose edits keep their layout (linesWrittenInPlace). */
  writtenInPlace?: ReadonlyMap<string, WrittenInPlace>;
}

export async function formatChanges(changes: readonly FileChange[], cwd: string, fromParse: FromProgramParse = {}, pool: FormatPoolOptions = {}): Promise<FormattedChanges> {
  const styleReference = changes.find((c) => c.before !== null);
  const context = { cwd, styleReference, ownStyles: fromParse.ownStyles ?? new Map(), writtenInPlace: fromParse.writtenInPlace ?? new Map() };
  const { answers } = await formatFiles(changes, context, pool);

  const notes: FormatNote[] = [];
  const labels = new Set<string>();
  const kinds = new Set<Formatting['formatter']>();
  let filesFormatted = 0;
  const out = changes.map((change, i) => {
    const answer = answers[i]!;
    // A note about the project is reported once, at the first file that has it.
    for (const { path, message, once } of answer.notes) if (!once || !notes.some((n) => n.message === message)) notes.push({ path, message });
    if (answer.after === undefined) return change;
    filesFormatted++;
    if (answer.formatter) {
      labels.add(answer.formatter.label);
      kinds.add(answer.formatter.kind);
    }
    return { ...change, after: answer.after };
  });
  const formatter = kinds.has('prettier') ? 'prettier' : kinds.has('file-style') ? 'file-style' : 'none';
  return { changes: out, formatting: { formatter, with: [...labels].sort(), filesFormatted }, notes };
}
