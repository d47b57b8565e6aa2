// AsyncLocalStorage does not cross threads. The documented hand-off: pass currentTrace() in
// workerData and re-enter it on the worker side with withTrace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byStep } from './context-scenario.js';
import { jsonLines, prepareVariant, runScript, type RunnableVariant, type VariantOptions } from './runtime-project.js';

const VARIANTS: VariantOptions[] = [
  { language: 'js', moduleFormat: 'esm', backend: 'json' },
  { language: 'ts', moduleFormat: 'cjs', backend: 'json' },
];

describe.each(VARIANTS)('worker_threads hand-off: $language $moduleFormat', (options) => {
  let variant: RunnableVariant;
  beforeAll(() => {
    variant = prepareVariant(options);
  });
  afterAll(() => variant?.project.remove());

  it("re-enters the caller's trace context in the worker", async () => {
    const esm = variant.scriptFormat === 'esm';
    const worker = join(variant.scriptDir, esm ? 'worker.mjs' : 'worker.cjs');
    writeFileSync(
      worker,
      [
        esm ? "import { workerData } from 'node:worker_threads';" : "const { workerData } = require('node:worker_threads');",
        esm
          ? `import { log, withTrace } from './${variant.runtimeFile}';`
          : `const { log, withTrace } = require('./${variant.runtimeFile}');`,
        "log.info('in the worker, before re-entering', { step: 'worker-before' });",
        "withTrace(workerData.trace ?? {}, () => log.info('in the worker', { step: 'worker-inside' }));",
        '',
      ].join('\n'),
    );
    const main = String.raw`
      await withTrace({ correlationId: 'w-1' }, async () => {
        const worker = new Worker(${JSON.stringify(worker)}, { workerData: { trace: currentTrace() } });
        await new Promise((resolve, reject) => worker.on('exit', resolve).on('error', reject));
        log.info('back in the main thread', { step: 'main-after' });
      });`;
    const run = await runScript(variant, 'worker-main', main, { imports: { 'node:worker_threads': ['Worker'] } });
    expect(run.code, run.stderr).toBe(0);
    const step = byStep(jsonLines(run.stdout));
    expect(step.get('worker-before')).not.toHaveProperty('correlationId');
    expect(step.get('worker-inside')).toMatchObject({ correlationId: 'w-1', msg: 'in the worker' });
    expect(step.get('main-after')).toMatchObject({ correlationId: 'w-1' });
  });
});
