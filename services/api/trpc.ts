/**
 * tRPC for every API router: init, context, procedures, error shape.
 *
 * Stable exports other routers (e.g. routers/ai.ts) rely on:
 *   `router`, `publicProcedure`, `authedProcedure`, `createCallerFactory`, `type Context`.
 *
 * Context shape:
 *   ctx.db         pg.Pool: the container's shared pool (services/db/pool.ts). Parameters only; for several
 *                  statements that must land together use `withTransaction(ctx.db, …)` from
 *                  services/db/transaction.ts.
 *   ctx.token      the verified Bearer token's claims ({ user, sessionId, expiresAt }), or null. Its session
 *                  may have ended: only `authedProcedure` checks that.
 *   ctx.user       inside `authedProcedure` only: { id, email } of a token whose session is live. Scope
 *                  every row by `ctx.user.id` and answer NOT_FOUND for rows of others.
 *   ctx.sessionId  inside `authedProcedure` only: the token's session (auth/signOut ends it).
 *   ctx.requestId  API Gateway's request id (or Lambda's); put it in log lines.
 *   ctx.clientAddress()  the client's IP address (services/api/client-address.ts), for the sign-in throttle
 *                  and the reset-request limit; resolved on first call, since it may read a secret.
 *
 * Errors: throw TRPCError with a one-line message. Database connection failures become 503
 * SERVICE_UNAVAILABLE; a cap reached (CapReached from services/db/limits.ts) becomes 409 CONFLICT naming
 * the cap, with `data.cap: {name, max}`; an edit from a stale version (StaleEdit from services/db/stale-edit.ts)
 * becomes 409 CONFLICT with `data.current: {title, updatedAt}`; any other unexpected error becomes a 500 whose message and stack
 * never reach the client. Invalid input answers 400 with "<field>: <problem>" messages.
 */
import { randomUUID } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateAWSLambdaContextOptions } from '@trpc/server/adapters/aws-lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type pg from 'pg';
import { isDatabaseOutage } from '../db/database-outage.js';
import { CapReached } from '../db/limits.js';
import { getPool } from '../db/pool.js';
import { StaleEdit } from '../db/stale-edit.js';
import { logger } from '../shared/logger.js';
import { tokenSessionIsLive } from './auth/session-check.js';
import { verifyAccessToken, type VerifiedToken } from './auth/tokens.js';
import { clientAddress, UNKNOWN_ADDRESS } from './client-address.js';
import { requestHeader } from './request-header.js';
import { RetryLaterError } from './retry-later.js';

export interface Context {
  readonly db: pg.Pool;
  readonly token: VerifiedToken | null;
  readonly requestId: string;
  /**
   * The client's IP address (services/api/client-address.ts); `unknown` when it cannot be told. A call, not a
   * field: telling it may read the origin-verify secret, which only the procedures counting per address need.
   */
  clientAddress(): Promise<string>;
}

/** Builds a context from parts: used by the Lambda adapter below and by tests through `createCaller`. */
export async function createContextInner(opts: {
  db: pg.Pool;
  authorization?: string | null;
  requestId?: string;
  clientAddress?: () => Promise<string>;
}): Promise<Context> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(opts.authorization ?? '')?.[1];
  return {
    db: opts.db,
    token: bearer ? await verifyAccessToken(bearer) : null,
    requestId: opts.requestId ?? randomUUID(),
    clientAddress: opts.clientAddress ?? unknownAddress,
  };
}

const unknownAddress = () => Promise.resolve(UNKNOWN_ADDRESS);

/** Context for an API Gateway proxy event. */
export async function createLambdaContext({
  event,
  context,
}: CreateAWSLambdaContextOptions<APIGatewayProxyEvent>): Promise<Context> {
  // The invocation's request id and cold start on every line this call logs.
  if (context) logger.addContext(context);
  let address: Promise<string> | undefined;
  return createContextInner({
    db: await getPool(),
    authorization: requestHeader(event.headers, 'Authorization'),
    clientAddress: () => (address ??= clientAddress(event)),
    requestId: event.requestContext?.requestId ?? context?.awsRequestId,
  });
}

interface ValidationIssue {
  readonly path: PropertyKey[];
  readonly message: string;
  /** zod's issue code (`too_small`, `too_big`, `invalid_format`, …): clients word it in their language. */
  readonly code?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
}

/** One invalid field as clients get it: the English message, and what a client needs to say it its way. */
function fieldOf(issue: ValidationIssue) {
  const limit =
    issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
  return {
    field: fieldName(issue),
    message: issue.message,
    problem: issue.code ?? 'invalid',
    ...(limit !== undefined && { limit: Number(limit) }),
  };
}

function validationIssues(error: TRPCError): ValidationIssue[] | null {
  const issues = (error.cause as { issues?: unknown } | undefined)?.issues;
  return error.code === 'BAD_REQUEST' && Array.isArray(issues) ? (issues as ValidationIssue[]) : null;
}

const fieldName = (issue: ValidationIssue) => issue.path.map(String).join('.') || 'input';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const issues = validationIssues(error);
    const message = issues
      ? issues.map((issue) => `${fieldName(issue)}: ${issue.message}`).join('; ')
      : error.code === 'INTERNAL_SERVER_ERROR'
        ? 'Internal server error'
        : shape.message;
    // Rebuilt rather than spread so a stack (tRPC adds one in development) can never reach a client.
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        ...(issues && { fields: issues.map(fieldOf) }),
        ...(error instanceof RetryLaterError && { retryAfterSeconds: error.retryAfterSeconds }),
        ...(error.cause instanceof CapReached && { cap: { name: error.cause.cap, max: error.cause.max } }),
        ...(error.cause instanceof StaleEdit && { current: error.cause.current }),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Tracer (X-Ray SDK) and metrics are loaded on the first call rather than at import: together they are
// about half of a cold start's import time, and the first request waits on the pool and secrets anyway.
type Observability = [typeof import('../shared/tracer.js'), typeof import('../shared/metrics.js')];
let observabilityLoading: Promise<Observability> | undefined;
// Once loaded, used directly: awaiting even a settled promise costs every call a microtask turn.
let observability: Observability | undefined;

function loadObservability(): Promise<Observability> {
  return (observabilityLoading ??= Promise.all([
    import('../shared/tracer.js'),
    import('../shared/metrics.js'),
  ]).then((modules) => (observability = modules)));
}

interface Call {
  readonly ctx: Context;
  readonly path: string;
  readonly type: string;
}

/** What a middleware's `next()` settles to, as far as observing it goes. */
type Outcome = { ok: true } | { ok: false; error: TRPCError };

/**
 * Logs the call with its request id, maps a database outage to 503, records a metric and a trace segment.
 * `run` null means the caller is refused before any work (no valid token): observed like any failure.
 */
async function observe<R extends Outcome>(call: Call, run: (() => Promise<R>) | null): Promise<R> {
  const { ctx, path, type } = call;
  const started = performance.now();
  const [{ tracer }, { metrics, MetricUnit }] = observability ?? (await loadObservability());
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const segment = parent?.addNewSubsegment(`## ${path}`);
  if (segment) tracer.setSegment(segment);
  // A refusal thrown before `next()` (no token, an ended session, the session check failing) is observed like
  // any failure, then thrown for tRPC to answer.
  let thrown = !run;
  let result: Outcome;
  try {
    result = run ? await run() : { ok: false, error: unauthorized() };
  } catch (error) {
    thrown = true;
    result = { ok: false, error: asTRPCError(error) };
  }
  const durationMs = Math.round(performance.now() - started);
  if (result.ok) {
    logger.info('procedure', { requestId: ctx.requestId, path, type, durationMs, outcome: 'ok' });
  } else {
    const { error } = result;
    const cause: unknown = error.cause;
    if (isDatabaseOutage(cause)) {
      logger.error('database unavailable', {
        requestId: ctx.requestId,
        path,
        durationMs,
        error: cause.message,
      });
      result.error = new TRPCError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Database unavailable, try again shortly',
      });
    } else if (cause instanceof CapReached || cause instanceof StaleEdit) {
      logger.info('procedure', { requestId: ctx.requestId, path, type, durationMs, outcome: 'CONFLICT' });
      result.error = new TRPCError({ code: 'CONFLICT', message: cause.message, cause });
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error('procedure failed', {
        requestId: ctx.requestId,
        path,
        type,
        durationMs,
        error: error.cause ?? error,
      });
    } else {
      logger.info('procedure', { requestId: ctx.requestId, path, type, durationMs, outcome: error.code });
    }
  }
  segment?.close();
  if (parent) tracer.setSegment(parent);
  // One EMF line per procedure call (a Lambda invocation serves one call unless the client batches).
  // Disabled (off Lambda), publishing would only clear the store: skip the bookkeeping altogether.
  if (metrics.enabled) {
    metrics.addMetadata('procedure', path);
    metrics.addMetric(result.ok ? 'ProcedureSucceeded' : 'ProcedureFailed', MetricUnit.Count, 1);
    metrics.addMetric('ProcedureDuration', MetricUnit.Milliseconds, durationMs);
    metrics.publishStoredMetrics();
  }
  if (thrown) throw (result as { error: TRPCError }).error; // tRPC turns it into the error response
  return result as R;
}

function asTRPCError(error: unknown): TRPCError {
  return error instanceof TRPCError
    ? error
    : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error as Error });
}

const unauthorized = () =>
  new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid access token is required' });

export const publicProcedure = t.procedure.use(({ ctx, path, type, next }) =>
  observe({ ctx, path, type }, () => next()),
);

/**
 * Requires a valid access token whose session is live; adds `ctx.user` and `ctx.sessionId`. Observation and
 * the token check are one middleware: each tRPC middleware level copies the call's options twice, on every
 * request. The session check answers synchronously from its cache on most calls (see auth/session-check.ts).
 */
export const authedProcedure = t.procedure.use(({ ctx, path, type, next }) => {
  const { token } = ctx;
  const proceed = (live: VerifiedToken) => next({ ctx: { user: live.user, sessionId: live.sessionId } });
  return observe({ ctx, path, type }, token ? () => whenSessionLive(ctx.db, token, proceed) : null);
});

/** Runs `proceed` if the token's session is live, else refuses: synchronously when the answer is cached. */
function whenSessionLive<R>(db: pg.Pool, token: VerifiedToken, proceed: (token: VerifiedToken) => R): R {
  const live = tokenSessionIsLive(db, token);
  if (live === true) return proceed(token);
  if (live === false) throw unauthorized();
  return live.then((isLive) => {
    if (!isLive) throw unauthorized();
    return proceed(token);
  }) as R;
}
