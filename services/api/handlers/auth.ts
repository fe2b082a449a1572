import type { ApiDependencies } from '../context.js';
import { apiDependenciesFromEnv } from '../lambda-dependencies.js';
import { serviceHandler } from '../lambda-handler.js';
import { authRouter } from '../routers/auth.js';

/** The handler over these dependencies: Lambda's below, the local stack's own (local/local-stack.ts). */
export const createHandler = (dependencies: ApiDependencies) => serviceHandler(authRouter, dependencies);

export const handler = createHandler(apiDependenciesFromEnv());
