/**
 * GET /api/health: plain JSON `{status, version, database}` for the pipeline's post-deploy check and
 * people. 503 "degraded" while the database cannot be reached; each call probes again, so it recovers
 * by itself.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import type pg from 'pg';
import { logger, withLambdaContext } from '../shared/logger.js';
import { countServerFaults } from './count-server-faults.js';

const probeTimeoutMs = 2_000;

export interface HealthDependencies {
  readonly db: () => Promise<pg.Pool>;
  /** The commit the running code was built from. */
  readonly version: () => string;
}

async function databaseReachable(db: () => Promise<pg.Pool>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const pool = await db();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('health probe timed out')), probeTimeoutMs);
    });
    await Promise.race([pool.query('SELECT 1'), timeout]);
    return true;
  } catch (error) {
    logger.warn('health: database unreachable', { error: (error as Error).message });
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthHandler({ db, version }: HealthDependencies) {
  return countServerFaults(
    withLambdaContext(async (_event?: unknown): Promise<APIGatewayProxyResult> => {
      const ok = await databaseReachable(db);
      return {
        statusCode: ok ? 200 : 503,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: JSON.stringify({
          status: ok ? 'ok' : 'degraded',
          version: version(),
          database: ok ? 'ok' : 'unreachable',
        }),
      };
    }),
  );
}
