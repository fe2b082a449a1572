import { defineConfig } from 'vitest/config';

// `npm run test:e2e:browser`: the web app in Debian's Chromium (playwright-core) against the local stack
// started in-process. Not part of `npm test`; `.ci/run` runs it. Each file starts its own stack (its own build
// directory, a free port) and its own Chromium: two files at a time.
export default defineConfig({
  test: {
    include: ['test/e2e-browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit-e2e-browser.xml' },
  },
});
