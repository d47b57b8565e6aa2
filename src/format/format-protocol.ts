// What the format pool (format-pool.ts) and its worker (format-worker.ts) say to each other.
import type { FileChange } from '../apply/write-changes.js';
import type { FileFormatted } from './format-file.js';
import type { PrettierOptions } from './load-prettier.js';
import type { WrittenInPlace } from './lines-written-in-place.js';

/** Marks the pool's own worker: migrate() may itself run in a user's worker thread. */
export const FORMAT_WORKER_MARK = 'trace-migrate format';

/** The worker's one job: every file, in batches it claims through `claims` (see work-batches.ts). */
export interface FormatJob {
  changes: Pick<FileChange, 'path' | 'before' | 'after'>[];
  cwd: string;
  styleReference: Pick<FileChange, 'path' | 'before' | 'after'> | undefined;
  ownStyles: [string, PrettierOptions][];
  writtenInPlace: [string, WrittenInPlace][];
  batchSize: number;
  claims: SharedArrayBuffer;
}

/** One batch laid out; `null` once the worker found no batch left to claim. */
export type FormatAnswer = { id: number; results: FileFormatted[] } | null;
