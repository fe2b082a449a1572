/**
 * The lint half on its own: migrations built with node-pg-migrate's MigrationBuilder, run through the real
 * squawk with the repository's .squawk.toml, judged against acknowledgements.
 */
import type { MigrationBuilder } from 'node-pg-migrate';
import { describe, expect, it } from 'vitest';
import type { MigrationModule } from '../../../services/db/migration-list.js';
import { lintMigrations } from '../../../pipeline/migrations-check/lint.js';
import {
  type LintAcknowledgement,
  parseLintAcknowledgements,
} from '../../../pipeline/migrations-check/lint-acknowledgement.js';
import { migrationSql } from '../../../pipeline/migrations-check/migration-sql.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { repoRoot } from './scratch-clone.js';

const up = (build: (pgm: MigrationBuilder) => void): MigrationModule => ({ up: build });

function lint(
  migrations: ReadonlyArray<readonly [string, MigrationModule]>,
  acknowledgements: readonly LintAcknowledgement[] = [],
) {
  return lintMigrations({
    repoDir: repoRoot,
    workDir: tempDir('gm-lint-'),
    migrations,
    acknowledgements,
    headMigrations: ['1796170000000_password-reset-tokens', ...migrations.map(([name]) => name)],
  });
}

const addNote = up((pgm) => pgm.addColumn('goals', { note: { type: 'text' } }));
const plainIndex = up((pgm) => pgm.createIndex('tasks', 'title'));

describe('the lint of new migrations', () => {
  it('builds the SQL node-pg-migrate would run, without a database', async () => {
    expect(await migrationSql('1796180000000_goal-note', addNote)).toEqual({
      name: '1796180000000_goal-note',
      sql: 'ALTER TABLE "goals"\n  ADD "note" text;\n',
      inTransaction: true,
    });
  });

  it('passes an additive nullable column with no acknowledgement', async () => {
    const verdict = await lint([['1796180000000_goal-note', addNote]]);
    expect(verdict).toEqual({ passed: true, failures: [], acknowledged: [] });
  });

  it('fails an index built without CONCURRENTLY, naming the migration, the rule and its explanation', async () => {
    const verdict = await lint([
      ['1796180000000_goal-note', addNote],
      ['1796180000001_tasks-title-index', plainIndex],
    ]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual([
      '1796180000001_tasks-title-index: require-concurrent-index-creation (line 1): During normal index creation, ' +
        'table updates are blocked, but reads are still allowed. Use `concurrently` to avoid blocking writes. ' +
        'https://squawkhq.com/docs/require-concurrent-index-creation',
    ]);
  });

  it('lints a migration that leaves the transaction as run outside one', async () => {
    const concurrently = (pgm: MigrationBuilder) =>
      pgm.createIndex('tasks', 'title', { concurrently: true, ifNotExists: true });
    const outside = await lint([
      ['1796180000001_tasks-title-index', up((pgm) => void concurrently(pgm.noTransaction()))],
    ]);
    expect(outside).toEqual({ passed: true, failures: [], acknowledged: [] });

    // In the runner's transaction, beside another statement, it cannot work: PostgreSQL refuses it there.
    const inside = await lint([
      [
        '1796180000001_tasks-title-index',
        up((pgm) => {
          pgm.addColumn('tasks', { note: { type: 'text' } });
          concurrently(pgm);
        }),
      ],
    ]);
    expect(inside.failures).toEqual([
      expect.stringMatching(
        /^1796180000001_tasks-title-index: ban-concurrent-index-creation-in-transaction /,
      ),
    ]);
  });

  it('lets an acknowledged finding through with its reason, for that migration and rule only', async () => {
    const reason = 'tasks holds a few hundred rows per goal: the lock lasts milliseconds.';
    const ack = {
      migration: '1796180000001_tasks-title-index',
      rule: 'require-concurrent-index-creation',
      reason,
    };
    const verdict = await lint(
      [
        ['1796180000001_tasks-title-index', plainIndex],
        ['1796180000002_tasks-status-index', up((pgm) => pgm.createIndex('tasks', 'status'))],
      ],
      [ack],
    );
    expect(verdict.acknowledged).toEqual([
      `1796180000001_tasks-title-index: require-concurrent-index-creation (line 1) acknowledged: ${reason}`,
    ]);
    expect(verdict.failures).toEqual([
      expect.stringMatching(/^1796180000002_tasks-status-index: require-concurrent-index-creation /),
    ]);
  });

  it('fails an acknowledgement that no longer matches a finding, or names no migration of HEAD', async () => {
    const verdict = await lint(
      [['1796180000000_goal-note', addNote]],
      [
        {
          migration: '1796180000000_goal-note',
          rule: 'ban-drop-column',
          reason: 'A reason long enough to pass.',
        },
        { migration: '1796189999999_typo', rule: 'ban-drop-column', reason: 'A reason long enough to pass.' },
      ],
    );
    expect(verdict.failures).toEqual([
      'acknowledgement of ban-drop-column in 1796180000000_goal-note matches no finding: remove it',
      'acknowledgement of ban-drop-column names 1796189999999_typo, which is not in services/db/migration-list.ts',
    ]);
  });

  it.each([
    [
      { migration: '1796180000000_x', rule: 'ban-drop-column', reason: 'too short' },
      'reason must say why in 20 characters or more',
    ],
    [
      { migration: 'goal-note', rule: 'ban-drop-column', reason: 'A reason long enough to pass.' },
      "migration must be a migration's name",
    ],
    [
      { migration: '1796180000000_x', rule: 'Ban Drop', reason: 'A reason long enough to pass.' },
      'rule must be a squawk rule name',
    ],
  ])('refuses a malformed acknowledgement in one line naming the entry and field (%#)', (entry, message) => {
    expect(() => parseLintAcknowledgements([entry])).toThrow(
      new RegExp(`^lint acknowledgement 0 \\(${entry.migration}\\): ${message.replace(/[()]/g, '\\$&')}`),
    );
  });

  it('refuses, in one line, a migration that needs the database to build its SQL', async () => {
    const awaits: MigrationModule = { up: async (pgm) => void (await pgm.db.query('SELECT 1')) };
    await expect(lint([['1796180000000_reads', awaits]])).rejects.toThrow(
      '1796180000000_reads queries the database (pgm.db) while building its SQL: the lint cannot build it offline',
    );
  });
});
