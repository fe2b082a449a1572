/**
 * `npm run migrations:check` as a command, where it needs no database: help, a wrong option, nothing to
 * compare. The checks themselves are in rollback-scenarios.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_TAG, git, runCheck, scratchClone } from './scratch-clone.js';

/** A clone tagged at its HEAD, shared by the tests that change nothing in it. */
let tagged: string;
beforeAll(() => {
  tagged = scratchClone();
});

describe('npm run migrations:check, the command', () => {
  it('prints its usage for --help and exits 0', async () => {
    const run = await runCheck(tagged, ['--help']);
    expect(run.output).toMatch(/^usage: npm run migrations:check -- \[--base <tag\|commit\|production>\]/);
    expect(run.output).toContain('--database KIND');
    expect(run.code).toBe(0);
  });

  it('refuses a wrong option in one line, exit 1', async () => {
    const run = await runCheck(tagged, ['--database', 'oracle']);
    expect(run.output.trim().split('\n')).toEqual([
      'migrations check: --database must be "server" or "pglite", not "oracle"; usage: npm run migrations:check -- [--base <tag|commit|production>] [--database server|pglite]',
    ]);
    expect(run.code).toBe(1);
  });

  it('says in one line that there is nothing to compare when no release tag is an ancestor, exit 0', async () => {
    const clone = scratchClone();
    git(clone, 'tag', '-d', RELEASE_TAG);
    const run = await runCheck(clone, []);
    expect(run.output.trim().split('\n')).toEqual([
      'migrations check: nothing to compare: no v* release tag is an ancestor of HEAD',
    ]);
    expect(run.code).toBe(0);
  });

  it('passes without starting anything when no migration is new since the release', async () => {
    const run = await runCheck(tagged, ['--database', 'server'], {
      // Nothing may connect: a database that does not exist would fail the run.
      MIGRATIONS_CHECK_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(run.output).toContain(`comparing with ${RELEASE_TAG} (`);
    expect(run.output).toContain('no migration is new since then');
    expect(run.output).toContain(`compatibility: HEAD's schema is ${RELEASE_TAG}'s own, nothing to compare`);
    expect(run.output.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^migrations check: ok against ${RELEASE_TAG} in `),
    );
    expect(run.code).toBe(0);
  });

  it('refuses an unknown --base in one line', async () => {
    const run = await runCheck(tagged, ['--base', 'v0.0.0-missing']);
    expect(run.output.trim().split('\n')).toEqual([
      'migrations check: --base "v0.0.0-missing" is not a commit or tag of this repository (run "git fetch --tags"?)',
    ]);
    expect(run.code).toBe(1);
  });
});
