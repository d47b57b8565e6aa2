// Behaviour equivalence: generated programs (TS and CommonJS/ESM JavaScript, several files, ids at
// varied positions, callbacks, expando methods) are run before and after the migration, and every
// function must receive the same arguments (its id aside) and every log must say the same thing
// with the same correlation id. Environment: PROPERTY_SEED (first seed, default 1), PROPERTY_COUNT
// (default 200), PROPERTY_BATCH (programs per migration, default 40), PROPERTY_PROGRESS=1 (print a
// line per batch). bench/property.mjs (`npm run bench:property`) runs thousands.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSeeds, describeCounterexample, makeWorkDir } from './support/property/check-programs.js';
import { PROPERTY_FEATURES } from './support/property/known-bugs.js';

const FIRST_SEED = Number(process.env.PROPERTY_SEED ?? 1);
const COUNT = Number(process.env.PROPERTY_COUNT ?? 200);
const BATCH_SIZE = Number(process.env.PROPERTY_BATCH ?? 40);
const TIMEOUT_MS = Number(process.env.PROPERTY_TIMEOUT_S ?? 600) * 1000;

describe('behaviour equivalence of migrated programs', () => {
  const workDir = makeWorkDir();
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it(`programs ${FIRST_SEED}..${FIRST_SEED + COUNT - 1} behave the same after the migration`, { timeout: TIMEOUT_MS }, async () => {
    const seeds = Array.from({ length: COUNT }, (_, i) => FIRST_SEED + i);
    const started = Date.now();
    const result = await checkSeeds(seeds, workDir, {
      features: PROPERTY_FEATURES,
      batchSize: BATCH_SIZE,
      shrinkAttempts: 80,
      shrinkSeconds: 150,
      maxCounterexamples: 1,
      onBatch: process.env.PROPERTY_PROGRESS
        ? (done, total) => console.log(`batch ${done}/${total}, ${((Date.now() - started) / 1000).toFixed(0)} s`)
        : undefined,
    });
    const shown = result.counterexamples.map(describeCounterexample).join('\n\n');
    const summary = `${result.failingSeeds.length} of ${result.programs} programs behaved differently after the migration (seeds ${result.failingSeeds.join(', ')})`;
    expect(result.failingSeeds, `${summary}\n\n${shown}`).toEqual([]);
  });
});
