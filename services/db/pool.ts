/**
 * The one `pg` pool of a container (Lambda) or process (local stack), created on first use.
 * Sized for Lambda: one request at a time per container, so a couple of connections, short idle life
 * (a frozen container should not hold Aurora connections) and hard timeouts so a lost database answers
 * fast instead of hanging until API Gateway's 29 s cut.
 */
import pg from 'pg';
import { logger } from '../shared/logger.js';
import { runtimeEnv } from '../shared/env.js';
import { databaseConnection } from './connection.js';
import { createSecretLoginPool } from './secret-login-pool.js';

// Dates (`date` columns) stay 'YYYY-MM-DD' strings instead of becoming midnight in the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

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
  const options = { ...config, ...poolDefaults, max: runtimeEnv().DB_POOL_MAX };
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
