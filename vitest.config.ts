import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The high-availability tests take minutes: `npm run test:ha` (vitest.ha.config.ts).
    exclude: ['test/ha/**', '**/node_modules/**'],
    // Scans everything the bot emitted during the run for known secrets (issue 7).
    globalSetup: ['test/global-setup.ts'],
    // Deadlines bound a failure only; a green run never waits for them. A busy 2-core machine (CI runs
    // two suites' worth of work beside other jobs) can take several times longer than an idle one.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Two cores: more forks only add contention. Each test file gets its own Redis key prefix.
    pool: 'forks',
    maxWorkers: 2,
  },
});
