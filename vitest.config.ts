import { defineConfig } from 'vitest/config';

// One test command for the whole workspace: unit tests beside the code, integration and browser
// tests under tests/. Database tests open real PGlite and PostgreSQL instances, so they get time.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'metrics', root: 'packages/metrics', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'real-data',
          root: 'packages/real-data',
          include: ['src/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      { test: { name: 'demo', root: 'packages/demo', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'api', root: 'apps/api', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // One worker runs the files one after another; sharing its modules saves each file the
          // seconds of importing the app again. No file changes module state the next one reads.
          isolate: false,
          setupFiles: ['./support/quiet-log.ts'],
        },
      },
    ],
  },
});
