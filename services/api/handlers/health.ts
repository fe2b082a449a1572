import { getPool } from '../../db/pool.js';
import { runtimeEnv } from '../../shared/env.js';
import { healthHandler } from '../health.js';

/** The handler over these dependencies: Lambda's below, the local stack's own (local/local-stack.ts). */
export const createHandler = healthHandler;

export const handler = createHandler({ db: getPool, version: () => runtimeEnv().APP_VERSION });
