/**
 * Deploy-time migration (a CDK trigger runs it before new function versions take traffic).
 * The event carries nothing we need: the database comes from DB_SECRET_ARN.
 */
import { logger, withLambdaContext } from '../shared/logger.js';
import { migrate } from './migrate.js';
import { closePool, getPool } from './pool.js';

export const handler = withLambdaContext(async (_event?: unknown): Promise<{ applied: string[] }> => {
  try {
    const applied = await migrate(await getPool());
    logger.info('migrations applied', { applied });
    return { applied };
  } finally {
    // A trigger runs once; do not leave Aurora connections behind in a frozen container.
    await closePool();
  }
});
