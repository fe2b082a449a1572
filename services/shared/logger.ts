/**
 * One Powertools logger per container: JSON lines with the service name, the invocation's Lambda request id
 * and cold start (`logger.addContext`, done by `withLambdaContext` and the API's tRPC context), and the API
 * Gateway request id passed per call.
 * Never hand it a password, token, secret or a whole event: the redaction below is a last guard,
 * not the plan.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
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

function redactMessage(input: LogItemMessage): LogItemMessage {
  return typeof input === 'string' ? input : (redactEntries(input, {}, 0) as typeof input);
}

function redactExtra(extra: LogItemExtraInput): LogItemExtraInput {
  return extra.map((item) =>
    typeof item === 'string' || item instanceof Error ? item : redactEntries(item, {}, 0),
  ) as LogItemExtraInput;
}

/**
 * Powertools' Logger, its own formatter and layout untouched (function name and ARN, memory size, sampling
 * rate, request id, cold start, X-Ray trace id), with values under sensitive-looking keys replaced before
 * they reach it. (Powertools exports no formatter to extend: its PowertoolsLogFormatter is internal.)
 */
class RedactingLogger extends Logger {
  override trace(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.trace(redactMessage(input), ...redactExtra(extra));
  }
  override debug(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.debug(redactMessage(input), ...redactExtra(extra));
  }
  override info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.info(redactMessage(input), ...redactExtra(extra));
  }
  override warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.warn(redactMessage(input), ...redactExtra(extra));
  }
  override error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.error(redactMessage(input), ...redactExtra(extra));
  }
  override critical(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    super.critical(redactMessage(input), ...redactExtra(extra));
  }
}

export const logger: Logger = new RedactingLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
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
