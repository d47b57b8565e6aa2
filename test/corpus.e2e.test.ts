// Issue acceptance on a generated 500-file corpus (CORPUS_FILES / CORPUS_SEED select others):
// ≥95% of trace parameters migrated, every other one reported with a reason, zero type errors,
// no interpolated console call left, and a second run that changes nothing.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, interpolatedConsoleCalls, migrateCorpus, typeErrors, type CorpusOutcome } from './support/corpus.js';
import { readTree } from './support/fixture-cases.js';

const FILES = Number(process.env.CORPUS_FILES ?? 500);
const SEED = Number(process.env.CORPUS_SEED ?? 1);

describe(`generated corpus (${FILES} files, seed ${SEED})`, () => {
  const dir = join(tmpdir(), `trace-migrate-corpus-${FILES}-${SEED}-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let outcome: CorpusOutcome;

  it('migrates at least 95% of trace parameters and explains every other one', async () => {
    generateCorpus(dir, FILES, SEED);
    outcome = await migrateCorpus(dir);
    const migrated = 1 - outcome.remaining.length / outcome.before;
    console.info(`corpus ${FILES}/${SEED}: ${outcome.before} trace parameters, ${outcome.remaining.length} kept, ${(migrated * 100).toFixed(1)}% migrated, ${outcome.report.durationMs} ms`);
    expect(outcome.before).toBeGreaterThan(FILES / 2);
    expect(migrated).toBeGreaterThanOrEqual(0.95);
    expect(outcome.unexplained).toEqual([]);
    expect(outcome.report.outcome).toBe('ok');
  }, 300_000);

  it('type-checks with zero errors', () => {
    expect(typeErrors(dir)).toBe('');
  }, 300_000);

  it('leaves no interpolated console call', () => {
    expect(interpolatedConsoleCalls(dir)).toEqual([]);
  });

  it('changes nothing on a second run', async () => {
    const before = readTree(join(dir, 'src'));
    const second = await migrateCorpus(dir);
    expect(second.report.summary.filesChanged).toBe(0);
    expect(readTree(join(dir, 'src'))).toEqual(before);
  }, 300_000);
});
