/**
 * Applies pending migrations with node-pg-migrate, on one connection taken from the given pool
 * (PGlite's wire server allows one session). Used by the deploy-time trigger, the local stack and tests.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { logger } from '../shared/logger.js';
import { migrationList } from './migration-list.js';

const markerExtension = '.migration';

/** Runs every pending migration in one transaction; returns the names applied (empty when up to date). */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  const modules = new Map(migrationList);
  // node-pg-migrate discovers migrations by listing a directory. The bundle has none, so we list empty
  // marker files named after the migrations and load each one's code from the static list.
  const dir = await mkdtemp(join(tmpdir(), 'gm-migrations-'));
  const client = await pool.connect();
  try {
    await Promise.all(migrationList.map(([name]) => writeFile(join(dir, name + markerExtension), '')));
    const applied = await runner({
      dbClient: client,
      dir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
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
    return applied.map((m) => m.name);
  } finally {
    client.release();
    await rm(dir, { recursive: true, force: true });
  }
}
