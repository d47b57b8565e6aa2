import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest defaults to CPUs - 1 workers: one on the 2-core CI machines. Two keep both busy.
    maxWorkers: 2,
  },
});
