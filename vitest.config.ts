import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test`: everything that runs without AWS, Docker or a database server.
// Browser end-to-end tests live in test/e2e-browser and run from `.ci/run` (they need Debian's Chromium).
const include = ['test/**/*.test.ts'];
const exclude = [
  'test/e2e-browser/**',
  'node_modules/**',
  // `*.pg.test.ts` need a second session holding locks or changing passwords: real PostgreSQL only.
  ...(process.env.TEST_DATABASE_URL ? [] : ['test/**/*.pg.test.ts']),
];
// A file that replaces a module (vi.mock) gets a process of its own: a mock outlives its file in a shared one.
const replacesModules = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/${file}`)
  .filter((file) => /\bvi\.(mock|doMock)\(/.test(readFileSync(file, 'utf8')));

export default defineConfig({
  test: {
    // The projects below add their own include and exclude lists to these (vitest concatenates them).
    exclude,
    setupFiles: ['test/setup/remove-temp-dirs.ts'],
    // Hundreds of sign-ups: scrypt's cheapest parameters instead of 100 ms a hash (services/api/auth/password.ts;
    // the stacks the tests start inherit it). The full cost is asserted where it is the subject.
    env: { PASSWORD_HASH_COST: 'minimum' },
    globalSetup: ['test/setup/pglite-snapshots.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default (one worker fewer than the cores) leaves a 2-core machine one worker, idle while a
    // test waits on a child process or a socket: one more worker than cores keeps both busy.
    maxWorkers: availableParallelism() + 1,
    reporters: process.env.CI ? ['default', 'junit'] : ['default'],
    outputFile: { junit: 'test-results/junit.xml' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include,
          exclude: replacesModules,
          // Files share their worker's process: aws-cdk-lib and the other packages load once per worker, not
          // once per file. What a file changes is put back after it (restore-process-state.ts).
          isolate: false,
          setupFiles: ['test/setup/restore-process-state.ts'],
        },
      },
      { extends: true, test: { name: 'isolated', include: replacesModules, isolate: true } },
    ],
  },
});
