// The worker thread of the format pool (format-pool.ts): takes one job and lays out the batches it
// can claim until none is left.
import { parentPort, workerData } from 'node:worker_threads';
import { batchOf, claimBatch } from '../syntax/work-batches.js';
import { formatBatch, type FormatContext } from './format-file.js';
import { FORMAT_WORKER_MARK, type FormatAnswer, type FormatJob } from './format-protocol.js';

if (workerData === FORMAT_WORKER_MARK) {
  parentPort?.once('message', (job: FormatJob) => void formatClaimedBatches(job));
}

async function formatClaimedBatches(job: FormatJob): Promise<void> {
  const context: FormatContext = { cwd: job.cwd, styleReference: job.styleReference, ownStyles: new Map(job.ownStyles), writtenInPlace: new Map(job.writtenInPlace) };
  const claims = new Int32Array(job.claims);
  const batchCount = Math.ceil(job.changes.length / job.batchSize);
  for (let id = claimBatch(claims, batchCount); id !== undefined; id = claimBatch(claims, batchCount)) {
    parentPort!.postMessage({ id, results: await formatBatch(batchOf(job.changes, id, job.batchSize), context) } satisfies FormatAnswer);
  }
  parentPort!.postMessage(null satisfies FormatAnswer);
}
