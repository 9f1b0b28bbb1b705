import { defineConfig } from 'vitest/config';

// One run for every package. Browser, crash and load tests live under test/
// and start real processes, so they get generous timeouts; nothing asserts speed.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
