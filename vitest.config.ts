import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The slowest test files, slowest first. They start first, so the two workers end together: on a
 * clean clone vitest has no timings yet and would start them by file size, and the longest
 * (fixtures, parity) are small files that then ran last, alone, for minutes.
 */
const SLOWEST_FIRST = ['fixtures.test.ts', 'check-parity.test.ts', 'packaging.e2e.test.ts', 'behaviour.property.test.ts', 'corpus.e2e.test.ts', 'runtime/runtime-typecheck.test.ts', 'cli/bin.e2e.test.ts'];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOWEST_FIRST.findIndex((name) => file.moduleId.endsWith(`/test/${name}`));
      return index < 0 ? SLOWEST_FIRST.length : index;
    };
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest defaults to CPUs - 1 workers: one on the 2-core CI machines. Two keep both busy.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
  },
});
