import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scans everything the bot emitted during the run for known secrets (issue 7).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: more forks only add contention. Each test file gets its own Redis key prefix.
    pool: 'forks',
    maxWorkers: 2,
  },
});
