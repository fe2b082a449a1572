/**
 * The one `pg` pool of a container (Lambda) or process (local stack), created on first use.
 * Sized for Lambda: one request at a time per container, so a couple of connections, short idle life
 * (a frozen container should not hold Aurora connections) and hard timeouts so a lost database answers
 * fast instead of hanging until API Gateway's 29 s cut.
 */
import pg, { type PoolConfig } from 'pg';
import { logger } from '../shared/logger.js';
import { runtimeEnv } from '../shared/env.js';
import { databaseConnection, type DatabaseConnection } from './connection.js';
import './date-columns.js';
import { createSecretLoginPool } from './secret-login-pool.js';

export const poolDefaults = {
  idleTimeoutMillis: 10_000,
  connectionTimeoutMillis: 3_000,
  statement_timeout: 5_000,
  query_timeout: 6_000,
  // Let a frozen-then-thawed Lambda drop connections the server already closed.
  keepAlive: true,
} as const;

let poolPromise: Promise<pg.Pool> | undefined;

/** The shared pool, created on first call from the runtime environment. */
export function getPool(): Promise<pg.Pool> {
  poolPromise ??= createSharedPool().catch((error: unknown) => {
    poolPromise = undefined; // a failed secret read is retried by the next request
    throw error;
  });
  return poolPromise;
}

async function createSharedPool(): Promise<pg.Pool> {
  const { config, login } = await databaseConnection();
  return createPool(config, runtimeEnv().DB_POOL_MAX, login);
}

/**
 * A pool with these defaults over `connection` (the shared one; the local stack makes its own). With a
 * `login` from a secret, each new connection reads it and retries once afresh when the password was rotated.
 */
export function createPool(
  connection: PoolConfig,
  max: number,
  login?: DatabaseConnection['login'],
): pg.Pool {
  const options = { ...connection, ...poolDefaults, max };
  const pool = login ? createSecretLoginPool(options, login) : new pg.Pool(options);
  // An idle client losing its server must not crash the process; the pool drops it and reconnects later.
  pool.on('error', (error) => logger.warn('idle database connection lost', { error: error.message }));
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/** Close and forget the shared pool (tests, local stack shutdown). */
export async function closePool(): Promise<void> {
  const pending = poolPromise;
  poolPromise = undefined;
  if (pending) await (await pending.catch(() => undefined))?.end();
}
