/**
 * Applies pending migrations with node-pg-migrate, on one connection taken from the given pool
 * (PGlite's wire server allows one session). Used by the deploy-time trigger, the local stack and tests.
 *
 * Each migration runs in its own transaction (a migration that calls `pgm.noTransaction()`, e.g. for
 * `CREATE INDEX CONCURRENTLY`, runs outside one), under a short `lock_timeout` and a bounded
 * `statement_timeout`: behind live traffic holding a conflicting lock it waits a few seconds, then fails,
 * its transaction rolled back and its name not recorded, instead of queueing every request behind it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { logger } from '../shared/logger.js';
import { migrationList, type MigrationModule } from './migration-list.js';

const markerExtension = '.migration';

export interface MigrateOptions {
  /** How long one statement waits for a lock before the migration fails. @default 5000 ms */
  readonly lockTimeoutMs?: number;
  /** How long one statement may run; below the trigger's 5 minutes, so it fails before Lambda is cut. @default 120000 ms */
  readonly statementTimeoutMs?: number;
  /** The migrations, in order. @default migrationList */
  readonly migrations?: ReadonlyArray<readonly [name: string, module: MigrationModule]>;
}

export const migrationTimeouts = { lockTimeoutMs: 5_000, statementTimeoutMs: 120_000 } as const;

/** Runs every pending migration, each in its own transaction; returns the names applied (empty when up to date). */
export async function migrate(pool: pg.Pool, options: MigrateOptions = {}): Promise<string[]> {
  const { lockTimeoutMs, statementTimeoutMs } = { ...migrationTimeouts, ...options };
  const migrations = options.migrations ?? migrationList;
  const modules = new Map(migrations);
  // node-pg-migrate discovers migrations by listing a directory. The bundle has none, so we list empty
  // marker files named after the migrations and load each one's code from the static list.
  const dir = await mkdtemp(join(tmpdir(), 'gm-migrations-'));
  const client = await pool.connect();
  let failed: unknown;
  try {
    await Promise.all(migrations.map(([name]) => writeFile(join(dir, name + markerExtension), '')));
    // Session settings: they also bound the wait for the advisory lock another migration holds.
    await client.query(`SET lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    await client.query(`SET statement_timeout = ${Math.trunc(statementTimeoutMs)}`);
    const applied = await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      // One transaction per migration: `pgm.noTransaction()` then means "this one alone runs outside".
      singleTransaction: false,
      checkOrder: true,
      advisoryLockMode: 'wait',
      migrationLoaderStrategies: [
        {
          extensions: [markerExtension],
          loader: async (paths) =>
            paths.map((path) => {
              const actions = modules.get(basename(path, markerExtension));
              if (!actions) throw new Error(`no migration module for ${basename(path)}`);
              return { id: path, filePaths: [path], actions };
            }),
        },
      ],
      logger: {
        debug: () => undefined,
        info: (msg: string) => logger.debug(msg),
        warn: (msg: string) => logger.warn(msg),
        error: (msg: string) => logger.error(msg),
      },
    });
    await client.query('RESET lock_timeout; RESET statement_timeout');
    return applied.map((m) => m.name);
  } catch (error) {
    failed = error;
    // The runner leaves a failed migration's transaction open (aborted): roll it back here.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A failed run's connection is closed rather than reused: no session setting or advisory lock survives.
    client.release(failed instanceof Error ? failed : undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
