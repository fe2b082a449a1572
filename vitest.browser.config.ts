import { defineConfig } from 'vitest/config';

// `npm run test:e2e:browser`: the web app in Debian's Chromium (playwright-core) against the local stack
// started in-process. Not part of `npm test`; `.ci/run` runs it. One file at a time: each starts a stack.
export default defineConfig({
  test: {
    include: ['test/e2e-browser/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit-e2e-browser.xml' },
  },
});
