import type { ApiDependencies } from '../context.js';
import { apiDependenciesFromEnv } from '../lambda-dependencies.js';
import { serviceHandler } from '../lambda-handler.js';
import { goalsRouter } from '../routers/goals.js';

/** The handler over these dependencies: Lambda's below, the local stack's own (local/local-stack.ts). */
export const createHandler = (dependencies: ApiDependencies) => serviceHandler(goalsRouter, dependencies);

export const handler = createHandler(apiDependenciesFromEnv());
