import type { ApiDependencies } from '../context.js';
import { apiDependenciesFromEnv } from '../lambda-dependencies.js';
import { serviceHandler } from '../lambda-handler.js';
import { reflectionsRouter } from '../routers/reflections.js';

/** The handler over these dependencies: Lambda's below, the local stack's own (local/local-stack.ts). */
export const createHandler = (dependencies: ApiDependencies) =>
  serviceHandler(reflectionsRouter, dependencies);

export const handler = createHandler(apiDependenciesFromEnv());
