import { defineConfig } from 'vitest/config';

// `npm test`: everything that runs without AWS, Docker or a database server.
// Browser end-to-end tests live in test/e2e-browser and run from `.ci/run` (they need Debian's Chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // `*.pg.test.ts` need a second session holding locks or changing passwords: real PostgreSQL only.
    exclude: [
      'test/e2e-browser/**',
      'node_modules/**',
      ...(process.env.TEST_DATABASE_URL ? [] : ['test/**/*.pg.test.ts']),
    ],
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
    globalSetup: ['test/setup/pglite-snapshots.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit.xml' },
  },
});
