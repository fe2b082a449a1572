/**
 * Deploy-time migration (a CDK trigger runs it before new function versions take traffic), as the
 * database owner (DB_SECRET_ARN: the master secret, which only this function reads). After the migrations
 * it creates the application role the other functions log in as (DB_APP_SECRET_ARN: its login, read here
 * at run time) and grants it the tables. Any failure (a lock not granted in time included) throws: the
 * trigger fails, the deployment stops and rolls back, and no alias moves to the new code.
 */
import { EnvError, runtimeEnv } from '../shared/env.js';
import { logger, withLambdaContext } from '../shared/logger.js';
import { ensureAppRole } from './app-role.js';
import { readRdsSecret } from './connection.js';
import { migrate } from './migrate.js';
import { closePool, getPool } from './pool.js';

function appSecretArn(): string | undefined {
  const arn = process.env.DB_APP_SECRET_ARN || undefined;
  if (!arn && runtimeEnv().AWS_LAMBDA_FUNCTION_NAME) {
    throw new EnvError('environment variable DB_APP_SECRET_ARN: required on Lambda (the application login)');
  }
  return arn;
}

export const handler = withLambdaContext(async (_event?: unknown): Promise<{ applied: string[] }> => {
  try {
    const appArn = appSecretArn();
    const pool = await getPool();
    const applied = await migrate(pool);
    logger.info('migrations applied', { applied });
    if (appArn) {
      const { username, password } = await readRdsSecret(appArn);
      await ensureAppRole(pool, { login: { username, password } });
      logger.info('application role granted', { login: username });
    }
    return { applied };
  } finally {
    // A trigger runs once; do not leave Aurora connections behind in a frozen container.
    await closePool();
  }
});
