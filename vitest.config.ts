import { defineConfig } from 'vitest/config';

// Two tiers run by `npm test`: everything but the browser journeys, then the journeys (which skip,
// visibly, when no Chromium is installed). `npm run test:e2e` runs the journeys alone.
export default defineConfig({
  test: {
    // Most of a file's time is spent waiting (on the Zoom emulator, retries, SMTP), not computing, so
    // two files at once nearly halve the suite on a 2-core machine (measured: 650 s → 350 s), where
    // Vitest's default would run one.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'emulator/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/chaos/**/*.test.ts', 'scripts/**/*.test.ts'],
          globalSetup: ['test/support/global-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
