// Scans the files of a --check run, on worker threads when there are enough files to pay for them.
// Each file is parsed on its own, so the work splits cleanly, but a thread pays a fixed price
// before it is fast: loading TypeScript, then warming the parser up (V8 compiles it as it runs; the
// first ~1300 files parse about four times slower than the next). Measured on the 2000- and
// 8000-file bench corpora on 2 cores, one worker added about 2.5 s of CPU and made the run slower
// at both sizes, so a worker is started only for a share of files to parse far above that (and
// never on two cores, where it competes with the main thread and V8's own compiler threads). The
// main thread scans too and work is handed out in batches: whoever is free takes the next one.
// Results come back in file order, so findings and fingerprints do not depend on the threads.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceText } from '../syntax/source-text.js';
import { couldHaveMatches } from './prefilter.js';
import type { ScanOptions, ScanResult } from './scan-file.js';
import { SCAN_WORKER_MARK, scanBatch, type ScanBatch, type ScannedBatch } from './scan-worker.js';

export interface PoolOptions {
  /** Files to parse (past the prefilter) per worker below which a worker does not pay for its start-up. */
  minFilesPerWorker?: number;
  /** Upper bound on worker threads (default: none on two cores or fewer, else the cores but one, at most 3). */
  maxWorkers?: number;
  batchSize?: number;
}

const WORKER_SCRIPT = new URL('./scan-worker.js', import.meta.url);

export async function scanSources(sources: readonly SourceText[], options: ScanOptions, pool: PoolOptions = {}): Promise<ScanResult[]> {
  const parse = sources.flatMap((source, i) => (couldHaveMatches(source.text, options) ? [i] : []));
  const cores = availableParallelism();
  const maxWorkers = pool.maxWorkers ?? (cores <= 2 ? 0 : Math.min(cores - 1, 3));
  const workerCount = Math.min(maxWorkers, Math.floor(parse.length / (pool.minFilesPerWorker ?? 10_000)));
  // Run from the TypeScript sources (tests), there is no compiled worker script: scan here.
  if (workerCount < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return scanBatch(sources, options);
  // Only the files to parse go to the threads (a worker gets copies of the texts it scans).
  const parsed = await scanOnThreads(parse.map((i) => sources[i]), options, workerCount, pool.batchSize ?? 50);
  const results: ScanResult[] = sources.map(() => ({ matches: [] }));
  parse.forEach((fileIndex, i) => (results[fileIndex] = parsed[i]));
  return results;
}

async function scanOnThreads(sources: readonly SourceText[], options: ScanOptions, workerCount: number, batchSize: number): Promise<ScanResult[]> {
  const results: ScanResult[][] = [];
  let next = 0;
  const take = (): { id: number; sources: SourceText[] } | undefined => {
    if (next >= sources.length) return undefined;
    const id = next / batchSize;
    const batch = sources.slice(next, next + batchSize);
    next += batchSize;
    return { id, sources: batch };
  };
  const wireOptions = { traceParamNames: [...options.traceParamNames], logScope: options.logScope };
  const workers = Array.from({ length: workerCount }, () => runWorker(take, wireOptions, results));

  // The main thread takes batches too, yielding between them so workers' answers are taken in.
  for (let batch = take(); batch; batch = take()) {
    results[batch.id] = scanBatch(batch.sources, options);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A worker that failed (it could not start, say) hands back the batch it held: scan it here.
  for (const lost of await Promise.all(workers)) if (lost) results[lost.id] = scanBatch(lost.sources, options);
  return results.flat();
}

type Batch = { id: number; sources: SourceText[] };

/** Feeds one worker until the batches run out; resolves with the batch it held if it failed. */
function runWorker(take: () => Batch | undefined, options: ScanBatch['options'], results: ScanResult[][]): Promise<Batch | undefined> {
  return new Promise((resolve) => {
    // The parent's module flags (`--input-type`, loaders) are not the worker's business.
    const worker = new Worker(WORKER_SCRIPT, { workerData: SCAN_WORKER_MARK, execArgv: [] });
    let held: Batch | undefined;
    const send = () => {
      held = take();
      worker.postMessage(held ? ({ ...held, options } satisfies ScanBatch) : null);
      if (!held) void worker.terminate().then(() => resolve(undefined));
    };
    worker.on('message', (done: ScannedBatch) => {
      results[done.id] = done.results;
      send();
    });
    worker.once('error', () => {
      void worker.terminate();
      resolve(held);
    });
    worker.once('online', send);
  });
}
