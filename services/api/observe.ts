/**
 * Observing one procedure call: a log line with its request id, a database outage mapped to 503, a cap
 * reached or a stale edit to 409, one EMF metric line and an X-Ray subsegment.
 */
import { TRPCError } from '@trpc/server';
import { isDatabaseOutage } from '../db/database-outage.js';
import { CapReached } from '../db/limits.js';
import { StaleEdit } from '../db/stale-edit.js';
import { logger } from '../shared/logger.js';
import type { Context } from './context.js';

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

export interface Call {
  readonly ctx: Context;
  readonly path: string;
  readonly type: string;
}

/** What a middleware's `next()` settles to, as far as observing it goes. */
type Outcome = { ok: true } | { ok: false; error: TRPCError };

export const unauthorized = () =>
  new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid access token is required' });

/**
 * Logs the call with its request id, maps a database outage to 503, records a metric and a trace segment.
 * `run` null means the caller is refused before any work (no valid token): observed like any failure.
 */
export async function observe<R extends Outcome>(call: Call, run: (() => Promise<R>) | null): Promise<R> {
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
