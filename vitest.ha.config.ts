import { defineConfig } from 'vitest/config';

/**
 * `npm run test:ha` (issue 18): the high-availability tests with real processes — a Redis Sentinel
 * group killed under the bots, bot replicas killed under the monitor lease and an apply. Kept out
 * of `npm test` (they take minutes); `.ci/run` runs them after it.
 */
export default defineConfig({
  test: {
    include: ['test/ha/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/ha/figures-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One at a time: each test runs several bot processes and Redis servers on two cores.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
