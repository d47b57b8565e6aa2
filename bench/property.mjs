#!/usr/bin/env node
// `npm run bench:property`: the behaviour-equivalence property test on many more programs than CI
// runs. It is the same test (test/behaviour.property.test.ts) with a seed range:
//
//   node bench/property.mjs [--from 1] [--count 3000] [--batch 40]
//
// Prints progress per batch, the wall time, and on failure the failing seeds and the first
// counterexample, shrunk (reproduce one with PROPERTY_SEED=<seed> PROPERTY_COUNT=1). Exit code:
// that of the test (1 when a program behaved differently), 2 on bad options.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from './measure-child.mjs';

let values;
try {
  ({ values } = parseArgs({
    options: { from: { type: 'string', default: '1' }, count: { type: 'string', default: '3000' }, batch: { type: 'string', default: '40' } },
  }));
} catch (error) {
  console.error(String(error.message));
  process.exit(2);
}
const numbers = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Number(value)]));
for (const [name, value] of Object.entries(numbers)) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a positive integer, not ${values[name]}`);
    process.exit(2);
  }
}

console.log(`property: programs ${numbers.from}..${numbers.from + numbers.count - 1}, ${numbers.batch} per migration`);
const started = Date.now();
const vitest = path.join(REPO, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/behaviour.property.test.ts'], {
  cwd: REPO,
  stdio: 'inherit',
  env: {
    ...process.env,
    PROPERTY_SEED: String(numbers.from),
    PROPERTY_COUNT: String(numbers.count),
    PROPERTY_BATCH: String(numbers.batch),
    PROPERTY_PROGRESS: '1',
    PROPERTY_TIMEOUT_S: String(Math.max(600, numbers.count * 3)),
  },
});
console.log(`property: ${numbers.count} programs in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${result.status}`);
process.exit(result.status ?? 1);
