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

// Tracer (X-Ray SDK) and metrics are loaded on the first call rather than at import (the first request waits on
// the pool and secrets anyway). bench:cold-start: handlers +56…87 ms above an empty module, +84…99 ms eagerly.
type Observability = [typeof import('../shared/tracer.js'), typeof import('../shared/metrics.js')];
let observability: Promise<Observability> | undefined;

function loadObservability(): Promise<Observability> {
  return (observability ??= Promise.all([import('../shared/tracer.js'), import('../shared/metrics.js')]));
}

export interface Call {
  readonly ctx: Context;
  readonly path: string;
  readonly type: string;
}

/** What a middleware's `next()` settles to, as far as observing it goes. */
type Outcome = { ok: true } | { ok: false; error: TRPCError };

/** Logs the call with its request id, maps a database outage to 503, records a metric and a trace segment. */
export async function observe<R extends Outcome>(call: Call, run: () => Promise<R>): Promise<R> {
  const { ctx, path, type } = call;
  const started = performance.now();
  const [{ tracer }, { metrics, MetricUnit }] = await loadObservability();
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const segment = parent?.addNewSubsegment(`## ${path}`);
  if (segment) tracer.setSegment(segment);
  // `next()` settles to the outcome; an error thrown instead is observed like any failure, then thrown on.
  let thrown = false;
  let result: Outcome;
  try {
    result = await run();
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
  metrics.addMetadata('procedure', path);
  metrics.addMetric(result.ok ? 'ProcedureSucceeded' : 'ProcedureFailed', MetricUnit.Count, 1);
  metrics.addMetric('ProcedureDuration', MetricUnit.Milliseconds, durationMs);
  metrics.publishStoredMetrics();
  if (thrown) throw (result as { error: TRPCError }).error; // tRPC turns it into the error response
  return result as R;
}

function asTRPCError(error: unknown): TRPCError {
  return error instanceof TRPCError
    ? error
    : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error as Error });
}
