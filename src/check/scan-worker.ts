// A worker thread of the --check scan pool (scan-pool.ts). It loads the parser as soon as it starts
// (the pool starts it before file discovery, so the two overlap), then takes one job and scans the
// batches it can claim until none is left, then saves TypeScript's code cache if it had none.
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceText } from '../syntax/source-text.js';
import { saveTypeScriptCodeCache } from '../syntax/typescript.js';
import { couldHaveMatches, scanFile, type ScanOptions, type ScanResult } from './scan-file.js';
import { batchOf, claimBatch } from '../syntax/work-batches.js';
import { SCAN_WORKER_MARK, type ScanAnswer, type ScanJob } from './scan-protocol.js';

export function scanBatch(sources: readonly SourceText[], options: ScanOptions): ScanResult[] {
  return sources.map((source) => (couldHaveMatches(source.text, options) ? scanFile(source, options) : { matches: [] }));
}

if (workerData === SCAN_WORKER_MARK) {
  parentPort?.once('message', (job: ScanJob) => {
    const options: ScanOptions = { traceParamNames: new Set(job.options.traceParamNames), logScope: job.options.logScope };
    const claims = new Int32Array(job.claims);
    const batchCount = Math.ceil(job.sources.length / job.batchSize);
    for (let id = claimBatch(claims, batchCount); id !== undefined; id = claimBatch(claims, batchCount)) {
      parentPort!.postMessage({ id, results: scanBatch(batchOf(job.sources, id, job.batchSize), options) } satisfies ScanAnswer);
    }
    // After the scan, so the cache holds the parser as the scan compiled it (once: see the function).
    saveTypeScriptCodeCache();
    parentPort!.postMessage(null satisfies ScanAnswer);
  });
}
