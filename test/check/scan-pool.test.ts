// The worker-thread scan gives the same results, in the same order, as scanning in one thread.
// Workers run the compiled script, so this test uses the build (`npm test` builds first).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceText } from '../../src/syntax/source-text.js';

const BUILT_POOL = new URL('../../dist/src/check/scan-pool.js', import.meta.url);
const BUILT_WORKER = new URL('../../dist/src/check/scan-worker.js', import.meta.url);

function sources(count: number): SourceText[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `/p/src/file${i}.ts`,
    text: [
      `export function f${i}(id: string, reqId: string) {`,
      i % 3 === 0 ? '  cache.set(reqId, id);' : `  console.log(\`[\${reqId}] step ${i} \${id}\`);`,
      '}',
      i % 5 === 0 ? 'const broken = ;' : '',
    ].join('\n'),
    bom: false,
    eol: '\n',
    mode: 0o644,
  }));
}

describe.runIf(existsSync(BUILT_POOL) && existsSync(BUILT_WORKER))('scanSources on worker threads', () => {
  it('returns what one thread returns, in file order', async () => {
    const { scanSources } = (await import(BUILT_POOL.href)) as typeof import('../../src/check/scan-pool.js');
    const { scanBatch } = (await import(BUILT_WORKER.href)) as typeof import('../../src/check/scan-worker.js');
    const options = { traceParamNames: new Set(['reqId']), logScope: 'interpolated' as const };
    const files = sources(40);
    const expected = scanBatch(files, options);
    expect(expected.filter((r) => r.parseFailure).length).toBe(8);
    expect(await scanSources(files, options, { minFilesPerWorker: 5, maxWorkers: 2, batchSize: 3 })).toEqual(expected);
  });

  it('tells each file’s result once, as it comes, the files the prefilter skips included', async () => {
    const { startScanPool } = (await import(BUILT_POOL.href)) as typeof import('../../src/check/scan-pool.js');
    const { scanBatch } = (await import(BUILT_WORKER.href)) as typeof import('../../src/check/scan-worker.js');
    const options = { traceParamNames: new Set(['reqId']), logScope: 'interpolated' as const };
    const plain = { path: '/p/src/plain.ts', text: 'export const a = 1;', bom: false, eol: '\n' as const, mode: 0o644 };
    const files = [...sources(20), plain, ...sources(3)];
    const told: { index: number; result: unknown }[] = [];
    const pool = startScanPool(options, { minFilesPerWorker: 5, maxWorkers: 2, batchSize: 3 });
    try {
      const results = await pool.scan(files, (index, result) => told.push({ index, result }));
      expect(told.map((t) => t.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
      for (const { index, result } of told) expect(result).toEqual(results[index]);
      expect(results).toEqual(scanBatch(files, options));
    } finally {
      await pool.close();
    }
  });
});
