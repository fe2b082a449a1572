/**
 * A migration never holds production hostage: behind a session holding a conflicting lock it fails after
 * `lock_timeout` (not the statement timeout, not never), its transaction rolled back (no half-applied schema,
 * no row in pgmigrations), and it applies once the lock is gone. A migration that must run outside a
 * transaction (`CREATE INDEX CONCURRENTLY`) says so with `pgm.noTransaction()`.
 * Real PostgreSQL only (`npm run test:db:pg`): PGlite is one session, so nothing else can hold a lock.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../services/db/migrate.js';
import { migrationList, type MigrationModule } from '../../../services/db/migration-list.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** A first statement that would land, then one that needs ACCESS EXCLUSIVE on goals. */
const blockedByReaders: MigrationModule = {
  up: (pgm) => {
    pgm.sql('CREATE TABLE lock_test_marker (id int)');
    pgm.sql('ALTER TABLE goals ADD COLUMN lock_test_note text');
  },
};
const withBlocked = [...migrationList, ['1899999999000_lock-test', blockedByReaders] as const];

async function appliedNames(): Promise<string[]> {
  const { rows } = await db.ownerPool.query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY id');
  return rows.map((r) => r.name);
}

async function relationExists(name: string): Promise<boolean> {
  const { rows } = await db.ownerPool.query<{ found: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS found',
    [name],
  );
  return rows[0]!.found;
}

async function goalColumns(): Promise<string[]> {
  const { rows } = await db.ownerPool.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'goals' ORDER BY column_name`,
  );
  return rows.map((r) => r.column_name);
}

describe('a migration behind a lock', () => {
  it('fails with lock_not_available, leaves schema and pgmigrations as they were, and applies later', async () => {
    const before = { applied: await appliedNames(), columns: await goalColumns() };
    // Live traffic: an open transaction that has read goals (ACCESS SHARE, which ALTER TABLE must wait for).
    const reader = new pg.Client({ connectionString: db.url });
    await reader.connect();
    try {
      await reader.query('BEGIN');
      await reader.query('SELECT count(*) FROM goals');
      const failure = await migrate(db.ownerPool, { lockTimeoutMs: 1_000, migrations: withBlocked }).then(
        () => null,
        (error: { code?: string }) => error,
      );
      expect(failure?.code).toBe('55P03'); // lock_not_available: lock_timeout, not statement_timeout (57014)
      expect(await appliedNames()).toEqual(before.applied);
      expect(await goalColumns()).toEqual(before.columns);
      expect(await relationExists('lock_test_marker')).toBe(false);
      // The reader was never disturbed.
      expect((await reader.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await reader.query('ROLLBACK').catch(() => undefined);
      await reader.end();
    }
    expect(await migrate(db.ownerPool, { migrations: withBlocked })).toEqual(['1899999999000_lock-test']);
    expect(await goalColumns()).toContain('lock_test_note');
  });

  it('fails behind another migration holding the migration lock, instead of waiting without end', async () => {
    const other = new pg.Client({ connectionString: db.ownerUrl });
    await other.connect();
    try {
      const { PG_MIGRATE_LOCK_ID } = await import('node-pg-migrate');
      await other.query(`SELECT pg_advisory_lock(${PG_MIGRATE_LOCK_ID})`);
      const failure = await migrate(db.ownerPool, { lockTimeoutMs: 500 }).then(
        () => null,
        (error: { code?: string }) => error,
      );
      expect(failure?.code).toBe('55P03');
    } finally {
      await other.end();
    }
    expect(await migrate(db.ownerPool)).toEqual([]);
  });
});

describe('a migration outside a transaction', () => {
  it('builds an index CONCURRENTLY when it calls pgm.noTransaction()', async () => {
    const concurrently: MigrationModule = {
      up: (pgm) => {
        pgm.noTransaction();
        pgm.sql('CREATE INDEX CONCURRENTLY IF NOT EXISTS goals_title_concurrent_idx ON goals (title)');
      },
    };
    const list = [...withBlocked, ['1899999999100_concurrent-index', concurrently] as const];
    expect(await migrate(db.ownerPool, { migrations: list })).toContain('1899999999100_concurrent-index');
    const { rows } = await db.ownerPool.query<{ valid: boolean }>(
      `SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'goals_title_concurrent_idx'::regclass`,
    );
    expect(rows).toEqual([{ valid: true }]);
  });
});
