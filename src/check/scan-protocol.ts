// What the --check scan pool (scan-pool.ts) and its workers (scan-worker.ts) say to each other.
// Free of TypeScript, so the thread that starts the workers does not load the parser.
import type { SourceText } from '../syntax/source-text.js';
import type { ScanOptions, ScanResult } from './scan-file.js';

/** Marks the pool's own workers: check() may itself run in a user's worker thread. */
export const SCAN_WORKER_MARK = 'trace-migrate --check scan';

/**
 * The one job each worker gets: every file to parse, cut into batches of `batchSize`. A thread
 * claims the next batch by incrementing the counter in `claims`, so workers started at different
 * times share the work without waiting for anyone to hand it out.
 */
export interface ScanJob {
  sources: SourceText[];
  batchSize: number;
  claims: SharedArrayBuffer;
  options: { traceParamNames: string[]; logScope: ScanOptions['logScope'] };
}

/** One batch scanned; `null` once the worker found no batch left to claim. */
export type ScanAnswer = { id: number; results: ScanResult[] } | null;
