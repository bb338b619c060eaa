import { defineConfig } from 'vitest/config';

// Three suites, run in this order by `npm test`: pure logic, the built dist/, and real Chromium.
export default defineConfig({
  test: {
    projects: [
      // One module graph for all unit files: they share no state, and loading the modules once
      // halves the project's time.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          globalSetup: ['tests/helpers/build-fixture.ts'],
          // Several files build sites; one file at a time keeps them off each other's caches.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/build-fixture.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
