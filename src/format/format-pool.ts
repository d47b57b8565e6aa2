// Lays out the changed files on the main thread and, when there are many, on one worker thread as
// well. Prettier's work is CPU-bound and each file's answer depends on that file alone
// (format-file.ts), so two threads share the files by claiming batches (work-batches.ts) and the
// answers are put back in file order. The worker pays a fixed price first (loading prettier and
// TypeScript, and warming them up: on the order of a second of CPU), so it starts only for a share
// of files well above that. It runs after the verification, once the program and its checkers are
// garbage, so its heap does not add to the run's peak. A batch the worker did not answer (it
// failed) is laid out on the main thread. On two cores it does not pay: the main thread's layout
// already keeps V8's collector and compiler threads busy on the second core, and 2000-file runs
// measured 1% less wall time for 9% more CPU; so by default it needs a third core.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileChange } from '../apply/write-changes.js';
import { batchOf, claimBatch } from '../syntax/work-batches.js';
import { formatBatch, type FileFormatted, type FormatContext } from './format-file.js';
import { FORMAT_WORKER_MARK, type FormatAnswer, type FormatJob } from './format-protocol.js';

export interface FormatPoolOptions {
  /** Files below which the worker does not start (its start-up would cost more than it saves). */
  minFilesForWorker?: number;
  /** false: lay out every file on the main thread. Default: a worker when the machine has three cores or more. */
  worker?: boolean;
  batchSize?: number;
  /** false: the main thread only waits for the worker (tests: the worker lays out every file). */
  mainThreadFormats?: boolean;
}

export interface FilesFormatted {
  /** Each file's answer, in the order given. */
  answers: FileFormatted[];
  /** How many of them the worker laid out. */
  byWorker: number;
}

const MIN_FILES_FOR_WORKER = 200;
const MIN_CORES_FOR_WORKER = 3;
const WORKER_SCRIPT = new URL('./format-worker.js', import.meta.url);

export async function formatFiles(changes: readonly FileChange[], context: FormatContext, pool: FormatPoolOptions = {}): Promise<FilesFormatted> {
  const batchSize = pool.batchSize ?? 8;
  const batchCount = Math.ceil(changes.length / batchSize);
  const answers: (FileFormatted[] | undefined)[] = new Array(batchCount);
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const byWorker = new Set<number>();
  const worker = wantsWorker(changes.length, pool) ? startWorker(changes, context, batchSize, claims, answers, byWorker) : undefined;

  const formatHere = async (id: number) => {
    answers[id] = await formatBatch(batchOf(changes, id, batchSize), context);
  };
  if (pool.mainThreadFormats !== false || !worker) {
    for (let id = claimBatch(claims, batchCount); id !== undefined; id = claimBatch(claims, batchCount)) await formatHere(id);
  }
  await worker;
  for (let id = 0; id < batchCount; id++) if (answers[id] === undefined) await formatHere(id);
  return { answers: answers.flat() as FileFormatted[], byWorker: [...byWorker].reduce((sum, id) => sum + answers[id]!.length, 0) };
}

function wantsWorker(files: number, pool: FormatPoolOptions): boolean {
  if (pool.worker === false || (pool.worker === undefined && availableParallelism() < MIN_CORES_FOR_WORKER)) return false;
  // Run from the TypeScript sources (tests), there is no compiled worker script.
  return files >= (pool.minFilesForWorker ?? MIN_FILES_FOR_WORKER) && existsSync(fileURLToPath(WORKER_SCRIPT));
}

/** Starts the worker on the job; resolves when it has answered every batch it claimed, or has failed. */
function startWorker(
  changes: readonly FileChange[],
  context: FormatContext,
  batchSize: number,
  claims: Int32Array,
  answers: (FileFormatted[] | undefined)[],
  byWorker: Set<number>,
): Promise<void> {
  const job: FormatJob = {
    // Only what a layout needs: a change's source (mode, BOM) stays here.
    changes: changes.map(({ path, before, after }) => ({ path, before, after })),
    cwd: context.cwd,
    styleReference: context.styleReference && { path: context.styleReference.path, before: context.styleReference.before, after: context.styleReference.after },
    ownStyles: [...context.ownStyles],
    writtenInPlace: [...context.writtenInPlace],
    batchSize,
    claims: claims.buffer as SharedArrayBuffer,
  };
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // The parent's module flags (`--input-type`, loaders) are not the worker's business.
      worker = new Worker(WORKER_SCRIPT, { workerData: FORMAT_WORKER_MARK, execArgv: [] });
    } catch {
      resolve();
      return;
    }
    const done = () => {
      resolve();
      void worker.terminate();
    };
    worker.on('message', (answer: FormatAnswer) => {
      if (answer === null) done();
      else {
        answers[answer.id] = answer.results;
        byWorker.add(answer.id);
      }
    });
    worker.once('error', done);
    worker.once('exit', done);
    worker.postMessage(job);
  });
}
