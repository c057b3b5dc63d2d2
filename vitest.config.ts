import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: more forks only add contention. Each test file gets its own Redis key prefix.
    pool: 'forks',
    maxWorkers: 2,
  },
});
