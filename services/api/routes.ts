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
  // What the function needs besides the database and the signing key (every one has those): the api stack
  // gives it the variables and grants each need takes, as the workflow steps declare theirs (steps.ts).
  /** Starts AI drafting runs: STATE_MACHINE_ARN and states:StartExecution. */
  readonly startsWorkflow: boolean;
  /** Sends password reset links: SES, the sender and the site's URL. */
  readonly sendsResetMail: boolean;
  /** Tells the client's address behind CloudFront (throttles): the origin-verify secret. */
  readonly tellsClientAddress: boolean;
}

const needsNothingMore = { startsWorkflow: false, sendsResetMail: false, tellsClientAddress: false };

export const serviceRoutes: readonly ServiceRoute[] = [
  {
    service: 'auth',
    entry: 'services/api/handlers/auth.ts',
    id: 'Auth',
    ...needsNothingMore,
    sendsResetMail: true,
    tellsClientAddress: true,
  },
  { service: 'goals', entry: 'services/api/handlers/goals.ts', id: 'Goal', ...needsNothingMore },
  { service: 'tasks', entry: 'services/api/handlers/tasks.ts', id: 'Task', ...needsNothingMore },
  {
    service: 'reflections',
    entry: 'services/api/handlers/reflections.ts',
    id: 'Reflection',
    ...needsNothingMore,
  },
  {
    service: 'ai',
    entry: 'services/api/handlers/ai.ts',
    id: 'Ai',
    ...needsNothingMore,
    startsWorkflow: true,
  },
];

export const healthRoute = {
  path: '/api/health',
  entry: 'services/api/handlers/health.ts',
  id: 'Health',
} as const;

/** Deploy-time schema migration (a CDK trigger) and the local stack's start both run this module. */
export const migrateEntry = 'services/db/migrate-handler.ts';
