/**
 * A fresh, migrated database for one test file.
 * - TEST_DATABASE_URL set (CI, `npm run test:db:pg`): a new database `gm_test_<random>` on that server,
 *   reached through a TCP proxy the test can cut, dropped afterwards.
 * - otherwise: an embedded PGlite in memory (one session: use pools of 1), started from the run's snapshot of
 *   a new (or new and migrated) cluster (test/setup/pglite-snapshots.ts) when there is one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../../services/db/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../local/embedded-postgres.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface TestDatabase {
  /** Connection string of the fresh database. */
  readonly url: string;
  /** True on a real PostgreSQL server (concurrency is real there; PGlite serializes). */
  readonly real: boolean;
  /** Largest pool the database allows (1 for PGlite). */
  readonly maxConnections: number;
  /** A pool on the database, opened on first use and closed by `close()`. Leave it unused when code under
   *  test has its own pool on an embedded database (PGlite takes one connection). */
  readonly pool: pg.Pool;
  /** Make the database unreachable (open connections are dropped). */
  goAway(): Promise<void>;
  /** Make it reachable again. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export const usingRealPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated !== false;
  if (usingRealPostgres) {
    const db = await realDatabase(process.env.TEST_DATABASE_URL!);
    if (migrated) await migrate(db.pool);
    return db;
  }
  const snapshots = inject('pgliteSnapshots');
  if (!snapshots) {
    const db = await embeddedDatabase();
    if (migrated) await migrate(db.pool);
    return db;
  }
  return embeddedDatabase(new Blob([readFileSync(migrated ? snapshots.migrated : snapshots.fresh)]));
}

async function embeddedDatabase(loadDataDir?: Blob): Promise<TestDatabase> {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ loadDataDir });
  const pool = lazyPool(embedded.url, 1);
  return {
    url: embedded.url,
    real: false,
    maxConnections: 1,
    get pool() {
      return pool.get();
    },
    goAway: () => embedded.pause(),
    comeBack: () => embedded.resume(),
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}

async function realDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `gm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const server = new URL(serverUrl);
  const proxy: TcpProxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  url.pathname = `/${name}`;
  const pool = lazyPool(url.toString(), 10);
  return {
    url: url.toString(),
    real: true,
    maxConnections: 20,
    get pool() {
      return pool.get();
    },
    goAway: () => proxy.cut(),
    comeBack: () => proxy.restore(),
    async close() {
      await pool.end();
      await proxy.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

function lazyPool(connectionString: string, max: number): { get(): pg.Pool; end(): Promise<void> } {
  let pool: pg.Pool | undefined;
  return {
    get: () => (pool ??= quietPool(connectionString, max)),
    end: async () => pool?.end(),
  };
}

function quietPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined); // dropped idle connections during outage tests
  return pool;
}
