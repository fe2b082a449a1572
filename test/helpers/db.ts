/**
 * A fresh, migrated database for one test file.
 * - TEST_DATABASE_URL set (CI, `npm run test:db:pg`): a new database `gm_test_<random>` on that server,
 *   reached through a TCP proxy the test can cut, dropped afterwards with its roles. The code under test
 *   logs in as the application role (`<database>_app`, as the deploy-time migration step grants it: rows
 *   only, no DDL); the owner migrates.
 * - otherwise: an embedded PGlite in memory (one session: use pools of 1; one user, the owner), started from
 *   the run's snapshot of a new (or new and migrated) cluster (test/setup/pglite-snapshots.ts) when there is one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { appRoleNames, ensureAppRole } from '../../services/db/app-role.js';
import { migrate } from '../../services/db/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../local/embedded-postgres.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface TestDatabase {
  /** Connection string of the fresh database for the code under test: the application role on a real server. */
  readonly url: string;
  /** Connection string of the owner (migrations, DDL a test needs); PGlite's one user. */
  readonly ownerUrl: string;
  /** True on a real PostgreSQL server (concurrency is real there; PGlite serializes). */
  readonly real: boolean;
  /** Largest pool the database allows (1 for PGlite). */
  readonly maxConnections: number;
  /** A pool on the database, opened on first use and closed by `close()`. Leave it unused when code under
   *  test has its own pool on an embedded database (PGlite takes one connection). */
  readonly pool: pg.Pool;
  /** A pool as the owner (on PGlite, the same one-connection pool as `pool`). */
  readonly ownerPool: pg.Pool;
  /** Migrate as the owner, then grant the application role (what the deploy-time step does). */
  migrate(): Promise<string[]>;
  /** Make the database unreachable (open connections are dropped). */
  goAway(): Promise<void>;
  /** Make it reachable again. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export const usingRealPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(
  options: {
    migrated?: boolean;
    /** A real server to create the database on; @default TEST_DATABASE_URL, else an embedded PGlite */
    serverUrl?: string;
  } = {},
): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env.TEST_DATABASE_URL;
  const migrated = options.migrated !== false;
  const snapshots = serverUrl ? null : inject('pgliteSnapshots');
  if (snapshots) {
    return embeddedDatabase(new Blob([readFileSync(migrated ? snapshots.migrated : snapshots.fresh)]));
  }
  const db = serverUrl ? await realDatabase(serverUrl) : await embeddedDatabase();
  if (migrated) await db.migrate();
  return db;
}

async function embeddedDatabase(loadDataDir?: Blob): Promise<TestDatabase> {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ loadDataDir });
  const pool = lazyPool(embedded.url, 1);
  return {
    url: embedded.url,
    ownerUrl: embedded.url,
    real: false,
    maxConnections: 1,
    get pool() {
      return pool.get();
    },
    get ownerPool() {
      return pool.get();
    },
    migrate: () => migrate(pool.get()),
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
  const ownerUrl = new URL(serverUrl);
  ownerUrl.hostname = '127.0.0.1';
  ownerUrl.port = String(proxy.port);
  ownerUrl.pathname = `/${name}`;
  const login = { username: `${name}_app`, password: randomBytes(18).toString('hex') };
  const url = new URL(ownerUrl);
  url.username = login.username;
  url.password = login.password;
  const ownerPool = lazyPool(ownerUrl.toString(), 10);
  const pool = lazyPool(url.toString(), 10);
  return {
    url: url.toString(),
    ownerUrl: ownerUrl.toString(),
    real: true,
    maxConnections: 20,
    get pool() {
      return pool.get();
    },
    get ownerPool() {
      return ownerPool.get();
    },
    async migrate() {
      const applied = await migrate(ownerPool.get());
      await ensureAppRole(ownerPool.get(), { login, resetPassword: true });
      return applied;
    },
    goAway: () => proxy.cut(),
    comeBack: () => proxy.restore(),
    async close() {
      await pool.end();
      await ownerPool.end();
      await proxy.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // Roles belong to the server, not the database: the application role and its rotation clone go too.
      const roles = appRoleNames(login.username);
      for (const role of [roles.clone, roles.login, roles.group]) {
        await cleanup.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
      }
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
