/**
 * vitest globalSetup: the embedded test databases start from snapshots made once per run instead of each
 * creating a new PGlite cluster (initdb in WASM: most of a database's start-up) and migrating it.
 * Two snapshots: a new cluster, and the same cluster migrated — exactly what a test file would otherwise make.
 * Not made when TEST_DATABASE_URL points the suites at a real server.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../services/db/migrate.js';

export interface PgliteSnapshots {
  /** A new cluster's data directory, dumped by PGlite. */
  readonly fresh: string;
  /** The same, with every migration applied. */
  readonly migrated: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshots: PgliteSnapshots | null;
  }
}

async function dump(db: PGlite, file: string): Promise<string> {
  writeFileSync(file, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
  return file;
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteSnapshots', null);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'gm-pglite-snapshots-'));
  const db = await PGlite.create();
  const fresh = await dump(db, join(dir, 'fresh.tar'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const pool = new pg.Pool({
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    max: 1,
  });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
    await server.stop();
  }
  const migrated = await dump(db, join(dir, 'migrated.tar'));
  await db.close();
  project.provide('pgliteSnapshots', { fresh, migrated });
  return () => rmSync(dir, { recursive: true, force: true });
}
