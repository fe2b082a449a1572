/**
 * One Powertools logger per container: JSON lines with the service name, the invocation's Lambda request id
 * and cold start (`logger.addContext`, done by `withLambdaContext` and the API's tRPC context), and the API
 * Gateway request id passed per call.
 * Never hand it a password, token, secret or a whole event: the redacting formatter below is a last
 * guard, not the plan.
 */
import { Logger, LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';

const sensitiveKey = /pass(word)?|token|secret|authorization|cookie/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return value;
  return redactEntries(value as Record<string, unknown>, {}, depth);
}

/** Copies `from`'s entries into `into`, values under sensitive-looking keys replaced. */
function redactEntries(
  from: Record<string, unknown>,
  into: Record<string, unknown>,
  depth: number,
): Record<string, unknown> {
  for (const key of Object.keys(from)) {
    into[key] = sensitiveKey.test(key) ? '[redacted]' : redact(from[key], depth + 1);
  }
  return into;
}

// The container's time zone is fixed at start (Lambda sets TZ); Powertools would read it again for every line.
const utcZone = !process.env.TZ || process.env.TZ.includes('UTC');

/** Powertools' standard layout, with values under sensitive-looking keys replaced. */
class RedactingFormatter extends LogFormatter {
  override formatTimestamp(now: Date): string {
    return utcZone ? now.toISOString() : super.formatTimestamp(now);
  }

  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    // One object built in place: a LogItem's addAttributes would deep-merge a copy on every line.
    const item: Record<string, unknown> = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      xray_trace_id: attributes.xRayTraceId,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      cold_start: attributes.lambdaContext?.coldStart,
    };
    return new LogItem({ attributes: redactEntries(additional, item, 0) as LogAttributes });
  }
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  logFormatter: new RedactingFormatter(),
});

/**
 * The handler, its invocation's Lambda context added to the logger first, so every line it logs carries
 * the request id and cold start. Without a context (the local runner calls steps in process) it logs as is.
 */
export function withLambdaContext<R>(
  handler: (event?: unknown) => Promise<R>,
): (event?: unknown, context?: Context) => Promise<R>;
export function withLambdaContext<E, R>(
  handler: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R>;
export function withLambdaContext<E, R>(
  handler: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  return (event, context) => {
    if (context) logger.addContext(context);
    return handler(event, context);
  };
}
