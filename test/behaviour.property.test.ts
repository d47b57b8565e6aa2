// Behaviour equivalence: generated programs (TS and CommonJS/ESM JavaScript, several files, ids at
// varied positions, callbacks, expando methods) are run before and after the migration, and every
// function must receive the same arguments (its id aside) and every log must say the same thing
// with the same correlation id. PROPERTY_SEED (first seed, default 1) and PROPERTY_COUNT (default
// 240) choose the programs; bench/property.mjs runs thousands.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSeeds, describeCounterexample, makeWorkDir } from './support/property/check-programs.js';
import { PROPERTY_FEATURES } from './support/property/known-bugs.js';

const FIRST_SEED = Number(process.env.PROPERTY_SEED ?? 1);
const COUNT = Number(process.env.PROPERTY_COUNT ?? 240);
const BATCH_SIZE = Number(process.env.PROPERTY_BATCH ?? 40);

describe('behaviour equivalence of migrated programs', () => {
  const workDir = makeWorkDir();
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it(`programs ${FIRST_SEED}..${FIRST_SEED + COUNT - 1} behave the same after the migration`, { timeout: 600_000 }, async () => {
    const seeds = Array.from({ length: COUNT }, (_, i) => FIRST_SEED + i);
    const result = await checkSeeds(seeds, workDir, { features: PROPERTY_FEATURES, batchSize: BATCH_SIZE, shrinkAttempts: 60, maxCounterexamples: 2 });
    const shown = result.counterexamples.map(describeCounterexample).join('\n\n');
    expect(result.failingSeeds, `${result.failingSeeds.length} of ${result.programs} programs behaved differently after the migration\n\n${shown}`).toEqual([]);
  });
});
