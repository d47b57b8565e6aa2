// A worker thread of the --check scan pool (scan-pool.ts): receives batches of files, answers with
// their scan results, in order, until told to stop.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceText } from '../syntax/source-text.js';
import { couldHaveMatches, scanFile, type ScanOptions, type ScanResult } from './scan-file.js';

export interface ScanBatch {
  id: number;
  sources: SourceText[];
  options: { traceParamNames: string[]; logScope: ScanOptions['logScope'] };
}

export interface ScannedBatch {
  id: number;
  results: ScanResult[];
}

export function scanBatch(sources: readonly SourceText[], options: ScanOptions): ScanResult[] {
  return sources.map((source) => (couldHaveMatches(source.text, options) ? scanFile(source, options) : { matches: [] }));
}

/** Marks the pool's own workers: check() may itself run in a user's worker thread. */
export const SCAN_WORKER_MARK = 'trace-migrate --check scan';

if (workerData === SCAN_WORKER_MARK) parentPort?.on('message', (batch: ScanBatch | null) => {
  if (batch === null) {
    parentPort!.close();
    return;
  }
  const options: ScanOptions = { traceParamNames: new Set(batch.options.traceParamNames), logScope: batch.options.logScope };
  parentPort!.postMessage({ id: batch.id, results: scanBatch(batch.sources, options) } satisfies ScannedBatch);
});
