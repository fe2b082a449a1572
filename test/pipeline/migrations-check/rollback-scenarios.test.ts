/**
 * The migrations check end to end, in a scratch clone whose HEAD is tagged as the release to compare with
 * (REF) and then gets one new migration: the check's own command, REF's own API and acceptance journey, a
 * real database (the PostgreSQL of TEST_DATABASE_URL under `npm run test:db:pg`, else the embedded PGlite
 * the pipeline's Build uses).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrationList } from '../../../services/db/migration-list.js';
import { RELEASE_TAG, type CheckRun, commitMigration, runCheck, scratchClone } from './scratch-clone.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const databaseArgs = serverUrl ? [] : ['--database', 'pglite'];
const databaseEnv = serverUrl ? { MIGRATIONS_CHECK_DATABASE_URL: serverUrl } : {};
/** A scratch clone, REF's stack starting (web build included) and its journey, on a shared machine. */
const scenarioTimeoutMs = 300_000;

let clone: string;
beforeAll(() => {
  clone = scratchClone();
});

async function checkWith(
  name: string,
  up: string,
  acknowledgements?: Parameters<typeof commitMigration>[1]['acknowledgements'],
): Promise<CheckRun> {
  commitMigration(clone, { name, up, acknowledgements });
  return runCheck(clone, databaseArgs, databaseEnv);
}

/** A timestamp after every migration the repository has, as the next migration written would take. */
const next = Math.max(...migrationList.map(([name]) => Number(name.split('_')[0]))) + 1;

const lastLine = (run: CheckRun) => run.output.trim().split('\n').at(-1)!;

describe(`npm run migrations:check against ${RELEASE_TAG} (${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it(
    'passes a migration adding a nullable column, with no acknowledgement',
    { timeout: scenarioTimeoutMs },
    async () => {
      const run = await checkWith(`${next}_goal-note`, "pgm.sql('ALTER TABLE goals ADD COLUMN note text');");

      expect(run.output).toContain(`new since then: ${next}_goal-note`);
      expect(run.output).toMatch(/^lint: 1 migration\(s\) through squawk .*nothing unacknowledged$/m);
      expect(run.output).toContain(`${RELEASE_TAG}'s own acceptance journey passed on HEAD's schema`);
      expect(lastLine(run)).toMatch(new RegExp(`^migrations check: ok against ${RELEASE_TAG} in `));
      expect(run.code).toBe(0);
    },
  );

  it(
    "fails a NOT VALID check constraint that refuses every goal REF's code writes, naming it",
    { timeout: scenarioTimeoutMs },
    async () => {
      // Titles are at most 200 characters (the initial schema): no goal REF creates can pass it. NOT VALID
      // only spares existing rows, which is why squawk has nothing to say about it.
      const run = await checkWith(
        `${next}_goal-title-refused`,
        "pgm.sql('ALTER TABLE goals ADD CONSTRAINT goals_title_refused CHECK (length(title) > 200) NOT VALID');",
      );

      expect(run.output).not.toContain('lint FAIL');
      expect(run.output).toMatch(
        new RegExp(
          `^compatibility FAIL ${RELEASE_TAG}'s acceptance journey fails on HEAD's schema: .*goals/create`,
          'm',
        ),
      );
      expect(run.output).toContain('violates check constraint "goals_title_refused"');
      expect(lastLine(run)).toMatch(
        new RegExp(
          `^migrations check FAILED \\(compatibility\\) .*migrations between ${RELEASE_TAG} and HEAD: ${next}_goal-title-refused$`,
        ),
      );
      expect(run.code).toBe(1);
    },
  );

  it(
    'fails dropping a column REF reads, naming it, even with the lint finding acknowledged',
    { timeout: scenarioTimeoutMs },
    async () => {
      const run = await checkWith(
        `${next}_drop-goal-description`,
        "pgm.sql('ALTER TABLE goals DROP COLUMN description');",
        [
          {
            migration: `${next}_drop-goal-description`,
            rule: 'ban-drop-column',
            reason: 'The column is unused since the release before: contract step of expand and contract.',
          },
        ],
      );

      expect(run.output).toMatch(
        new RegExp(
          `^lint: ${next}_drop-goal-description: ban-drop-column \\(line 1\\) acknowledged: The column`,
          'm',
        ),
      );
      expect(run.output).not.toContain('lint FAIL');
      expect(run.output).toContain(
        `compatibility FAIL ${RELEASE_TAG}'s acceptance journey fails on HEAD's schema`,
      );
      expect(run.output).toContain('column "description" of relation "goals" does not exist');
      expect(lastLine(run)).toMatch(
        new RegExp(`^migrations check FAILED \\(compatibility\\) .*: ${next}_drop-goal-description$`),
      );
      expect(run.code).toBe(1);
    },
  );

  it(
    'fails an index built on tasks without CONCURRENTLY, naming the rule',
    { timeout: scenarioTimeoutMs },
    async () => {
      const run = await checkWith(`${next}_tasks-title-index`, "pgm.createIndex('tasks', 'title');");

      expect(run.output).toMatch(
        new RegExp(
          `^lint FAIL ${next}_tasks-title-index: require-concurrent-index-creation \\(line 1\\): .*table updates are blocked.* https://squawkhq\\.com/docs/require-concurrent-index-creation$`,
          'm',
        ),
      );
      // The schema itself serves REF: the lint alone refuses the lock it takes.
      expect(run.output).toContain(`${RELEASE_TAG}'s own acceptance journey passed on HEAD's schema`);
      expect(lastLine(run)).toMatch(
        new RegExp(`^migrations check FAILED \\(lint\\) .*: ${next}_tasks-title-index$`),
      );
      expect(run.code).toBe(1);
    },
  );
});
