/**
 * The API's routes, shared by the api stack (one Lambda per service behind API Gateway) and the local
 * stack (which turns HTTP requests into the same proxy events). Pure data: no runtime imports.
 *
 * `/api/health` is a plain GET; every other service serves tRPC procedures under `/api/<service>/{proxy+}`.
 */
export interface ServiceRoute {
  /** Path segment under `/api` and the tRPC router's name. */
  readonly service: 'auth' | 'goals' | 'tasks' | 'reflections' | 'ai';
  /** Handler module, relative to the repository root; exports `handler`. */
  readonly entry: string;
  /** Construct id prefix in the api stack. */
  readonly id: string;
}

export const serviceRoutes: readonly ServiceRoute[] = [
  { service: 'auth', entry: 'services/api/handlers/auth.ts', id: 'Auth' },
  { service: 'goals', entry: 'services/api/handlers/goals.ts', id: 'Goal' },
  { service: 'tasks', entry: 'services/api/handlers/tasks.ts', id: 'Task' },
  { service: 'reflections', entry: 'services/api/handlers/reflections.ts', id: 'Reflection' },
  { service: 'ai', entry: 'services/api/handlers/ai.ts', id: 'Ai' },
];

export const healthRoute = {
  path: '/api/health',
  entry: 'services/api/handlers/health.ts',
  id: 'Health',
} as const;

/** Deploy-time schema migration (a CDK trigger) and the local stack's start both run this module. */
export const migrateEntry = 'services/db/migrate-handler.ts';
