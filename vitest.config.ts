import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real servers on 127.0.0.1; two cores on CI.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
