// Scans the files of a --check run on worker threads where they pay. A thread pays a fixed price
// before it parses fast: loading TypeScript (~1 s of CPU), then warming the parser up (V8 compiles
// it as it runs: the first ~1300 files of the bench corpus parse about four times slower than the
// next). Splitting the parsing between threads pays that price once per thread: measured on 2
// cores, splitting the 2000- and 8000-file corpora between the main thread and a worker cost
// ~2.5 s more CPU and was slower. What does pay is overlap: one worker is started before file
// discovery (startScanPool) and loads the parser while the main thread finds and reads the files;
// it then parses them all, and the main thread never loads TypeScript. The CLI starts that worker
// even earlier (prestartScanWorker, from bin/trace-migrate.js with --check), before it loads its own
// modules: loading TypeScript is the longest thing before the scan, so it starts first. More workers join only for
// a share of files to parse far above the warm-up price. Work is cut into batches that threads
// claim from a shared counter; results come back in file order, so findings and fingerprints do
// not depend on the threads. A batch a failed worker did not answer is scanned on the main thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceText } from '../syntax/source-text.js';
import { couldHaveMatches } from './prefilter.js';
import type { ScanOptions, ScanResult } from './scan-file.js';
import { batchOf } from '../syntax/work-batches.js';
import { SCAN_WORKER_MARK, type ScanAnswer, type ScanJob } from './scan-protocol.js';

export interface PoolOptions {
  /** Files to parse (past the prefilter) per worker below which one more worker does not pay. */
  minFilesPerWorker?: number;
  /** Upper bound on worker threads (default: none on one core, else the cores but one, at most 3). */
  maxWorkers?: number;
  batchSize?: number;
}

/** Told each file's result as soon as it is known (by its index in the sources), in no set order. */
export type OnScanned = (index: number, result: ScanResult) => void;

export interface ScanPool {
  /**
   * Each file's scan result, in the order given; `onScanned` hears of each as it comes, so the caller
   * can turn results into findings while the threads are still parsing. Once per pool.
   */
  scan(sources: readonly SourceText[], onScanned?: OnScanned): Promise<ScanResult[]>;
  /** Stops the workers; call it whether or not `scan` ran. */
  close(): Promise<void>;
}

const WORKER_SCRIPT = new URL('./scan-worker.js', import.meta.url);
const DEFAULT_MAX_WORKERS = Math.min(availableParallelism() - 1, 3);

/** A worker started before any pool (prestartScanWorker), which the next pool takes as its first. */
let prestarted: Worker | undefined;

/**
 * Starts a scan worker at once, for the next startScanPool to take (with the default maxWorkers).
 * Unreferenced until it has a job, so an unused one (a usage error, --help) does not keep the
 * process alive.
 */
export function prestartScanWorker(): void {
  if (prestarted === undefined && DEFAULT_MAX_WORKERS > 0 && existsSync(fileURLToPath(WORKER_SCRIPT))) prestarted = startWorker();
}

/** Starts the first worker now, so that it loads the parser while the caller finds the files. */
export function startScanPool(options: ScanOptions, pool: PoolOptions = {}): ScanPool {
  const maxWorkers = pool.maxWorkers ?? DEFAULT_MAX_WORKERS;
  // Run from the TypeScript sources (tests), there is no compiled worker script: scan here.
  const canStart = maxWorkers > 0 && existsSync(fileURLToPath(WORKER_SCRIPT));
  const early = takePrestarted(canStart && pool.maxWorkers === undefined);
  const workers = canStart ? [early ?? startWorker()] : [];
  return {
    scan: async (sources, onScanned = () => {}) => {
      const results: ScanResult[] = sources.map(() => ({ matches: [] }));
      const parse: number[] = [];
      sources.forEach((source, i) => (couldHaveMatches(source.text, options) ? parse.push(i) : onScanned(i, results[i]!)));
      if (parse.length === 0) await stop(workers);
      const more = Math.min(maxWorkers, Math.floor(parse.length / (pool.minFilesPerWorker ?? 10_000))) - workers.length;
      for (let i = 0; i < more && canStart; i++) workers.push(startWorker());
      await scanOnThreads(parse.map((i) => sources[i]!), options, workers, pool.batchSize ?? 50, (i, result) => {
        results[parse[i]!] = result;
        onScanned(parse[i]!, result);
      });
      return results;
    },
    close: () => stop(workers),
  };
}

/** One pool, one scan. */
export async function scanSources(sources: readonly SourceText[], options: ScanOptions, pool: PoolOptions = {}): Promise<ScanResult[]> {
  const scanPool = startScanPool(options, pool);
  try {
    return await scanPool.scan(sources);
  } finally {
    await scanPool.close();
  }
}

function startWorker(): Worker {
  // The parent's module flags (`--input-type`, loaders) are not the worker's business.
  const worker = new Worker(WORKER_SCRIPT, { workerData: SCAN_WORKER_MARK, execArgv: [] });
  // Until it has a job, a worker must not keep the process alive (the caller may fail first).
  worker.unref();
  // A worker that fails shows as batches it did not answer (scanOnThreads); nothing to throw here.
  worker.on('error', () => {});
  return worker;
}

/** The prestarted worker, if any and `use`; one not used is stopped. */
function takePrestarted(use: boolean): Worker | undefined {
  const worker = prestarted;
  prestarted = undefined;
  if (worker !== undefined && !use) void worker.terminate();
  return use ? worker : undefined;
}

async function stop(workers: Worker[]): Promise<void> {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
}

/** Scans the sources on the workers (batches a failed one left: here); tells `onScanned` each file's result by its index. */
async function scanOnThreads(sources: SourceText[], options: ScanOptions, workers: readonly Worker[], batchSize: number, onScanned: OnScanned): Promise<void> {
  const batchCount = Math.ceil(sources.length / batchSize);
  const answers: (ScanResult[] | undefined)[] = new Array(batchCount);
  const answer = (id: number, results: ScanResult[]) => {
    answers[id] = results;
    results.forEach((result, i) => onScanned(id * batchSize + i, result));
  };
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const job: ScanJob = {
    sources,
    batchSize,
    claims: claims.buffer as SharedArrayBuffer,
    options: { traceParamNames: [...options.traceParamNames], logScope: options.logScope },
  };
  await Promise.all(workers.map((worker) => runJob(worker, job, answer)));

  // No worker, or one that failed: the main thread loads the parser and scans what is left.
  const missing = Array.from({ length: batchCount }, (_, id) => id).filter((id) => answers[id] === undefined);
  if (missing.length > 0) {
    const { scanBatch } = await import('./scan-worker.js');
    for (const id of missing) answer(id, scanBatch(batchOf(sources, id, batchSize), options));
  }
}

/** Gives the worker the job and hands on its answers; resolves when it is done, or has failed. */
function runJob(worker: Worker, job: ScanJob, answer: (id: number, results: ScanResult[]) => void): Promise<void> {
  return new Promise((resolve) => {
    worker.ref();
    worker.on('message', (message: ScanAnswer) => {
      if (message === null) resolve();
      else answer(message.id, message.results);
    });
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
    worker.postMessage(job);
  });
}
