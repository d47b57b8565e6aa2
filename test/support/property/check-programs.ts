// The property: a migrated program behaves as the original did. Generates programs from seeds,
// runs them in batches (program-batch.ts), and turns each program that behaved differently into a
// readable counterexample: confirmed on its own, shrunk, printed with its seed, source, migrated
// source and differences.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRuntimeModuleText } from '../../../src/plan/runtime-module.js';
import { compareRuns } from './compare-runs.js';
import { generateProgram, type GeneratorFeatures } from './generate-program.js';
import { runBatch, type ProgramOutcome } from './program-batch.js';
import type { Flavour, Program } from './program-model.js';
import { simplifications } from './shrink-program.js';

const REPO_NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

export interface PropertyOptions {
  features: GeneratorFeatures;
  /** Programs per migrate() call. */
  batchSize: number;
  /** At most this many re-runs, and this many seconds, to shrink one counterexample. */
  shrinkAttempts: number;
  shrinkSeconds: number;
  /** At most this many counterexamples are confirmed and shrunk (the rest are only counted). */
  maxCounterexamples: number;
  onBatch?: (done: number, total: number) => void;
}

export interface Counterexample {
  seed: number;
  flavour: Flavour;
  /** The failing program as found, alone (false: it failed only next to others, itself a bug). */
  failsAlone: boolean;
  shrinkSteps: number;
  outcome: ProgramOutcome;
  differences: string[];
}

export interface PropertyResult {
  programs: number;
  failingSeeds: number[];
  /** Each failing program's differences, as found in its batch. */
  failures: { seed: number; flavour: Flavour; differences: string[] }[];
  counterexamples: Counterexample[];
}

/** A scratch directory with a node_modules link (TS programs need @types/node); remove it when done. */
export function makeWorkDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trace-migrate-property-'));
  symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return dir;
}

export async function checkSeeds(seeds: readonly number[], workDir: string, options: PropertyOptions): Promise<PropertyResult> {
  const byFlavour = new Map<Flavour, number[]>();
  for (const seed of seeds) {
    const flavour = generateProgram(seed, options.features).flavour;
    byFlavour.set(flavour, [...(byFlavour.get(flavour) ?? []), seed]);
  }
  const batches = [...byFlavour.values()].flatMap((group) => chunks(group, options.batchSize));
  const failing: ProgramOutcome[] = [];
  for (const [b, batch] of batches.entries()) {
    // A tag per position keeps every name of a program its own within the batch.
    const programs = batch.map((seed, k) => generateProgram(seed, options.features, `_${k}`));
    const outcome = await runBatch(join(workDir, `batch-${b}`), programs);
    for (const program of outcome.programs) if (compareRuns(program.before, program.after).length > 0) failing.push(program);
    rmSync(join(workDir, `batch-${b}`), { recursive: true, force: true });
    options.onBatch?.(b + 1, batches.length);
  }
  const counterexamples: Counterexample[] = [];
  for (const found of failing.slice(0, options.maxCounterexamples)) {
    counterexamples.push(await confirmAndShrink(found, workDir, options));
  }
  return {
    programs: seeds.length,
    failingSeeds: failing.map((f) => f.program.seed),
    failures: failing.map((f) => ({ seed: f.program.seed, flavour: f.program.flavour, differences: compareRuns(f.before, f.after) })),
    counterexamples,
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function runAlone(program: Program, workDir: string): Promise<{ outcome: ProgramOutcome; differences: string[] }> {
  const { programs } = await runBatch(join(workDir, 'alone'), [program]);
  const outcome = programs[0];
  return { outcome, differences: compareRuns(outcome.before, outcome.after) };
}

async function confirmAndShrink(found: ProgramOutcome, workDir: string, options: PropertyOptions): Promise<Counterexample> {
  const seed = found.program.seed;
  const alone = await runAlone(generateProgram(seed, options.features), workDir);
  if (alone.differences.length === 0) {
    return { seed, flavour: found.program.flavour, failsAlone: false, shrinkSteps: 0, outcome: found, differences: compareRuns(found.before, found.after) };
  }
  let best = alone;
  let steps = 0;
  let attempts = 0;
  let improved = true;
  const deadline = Date.now() + options.shrinkSeconds * 1000;
  const exhausted = () => attempts >= options.shrinkAttempts || Date.now() > deadline;
  while (improved && !exhausted()) {
    improved = false;
    for (const candidate of simplifications(best.outcome.program)) {
      if (exhausted()) break;
      attempts++;
      const tried = await runAlone(candidate, workDir);
      // Still different, and the original still runs cleanly (a broken candidate proves nothing).
      if (tried.differences.length > 0 && tried.outcome.before.error === null) {
        best = tried;
        steps++;
        improved = true;
        break;
      }
    }
  }
  rmSync(join(workDir, 'alone'), { recursive: true, force: true });
  return { seed, flavour: found.program.flavour, failsAlone: true, shrinkSteps: steps, outcome: best.outcome, differences: best.differences };
}

/** The counterexample as a reader needs it: seed, program, what the migration made of it, the differences. */
export function describeCounterexample(example: Counterexample): string {
  const files = (tree: Map<string, string>) =>
    [...tree]
      .filter(([path, text]) => path.startsWith('src/') && !isRuntimeModuleText(text))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text]) => `// ${path}\n${text.trimEnd()}`)
      .join('\n');
  return [
    `seed ${example.seed} (${example.flavour})${example.failsAlone ? `, shrunk in ${example.shrinkSteps} steps` : ', fails only when migrated with other programs'}`,
    `reproduce: PROPERTY_SEED=${example.seed} PROPERTY_COUNT=1 npx vitest run test/behaviour.property.test.ts`,
    '--- program ---',
    files(example.outcome.source),
    '--- migrated ---',
    files(example.outcome.migrated),
    '--- differences ---',
    ...example.differences,
  ].join('\n');
}
