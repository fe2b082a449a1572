/**
 * One Powertools logger per container: JSON lines with the service name, the invocation's Lambda request id
 * and cold start (`logger.addContext`, done by `withLambdaContext` and the API's tRPC context), and the API
 * Gateway request id passed per call.
 * Never hand it a password, token, secret or a whole event: the redaction below is a last guard,
 * not the plan.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

const sensitiveKey = /pass(word)?|token|secret|authorization|cookie/i;

/**
 * Powertools' Logger with its own formatter and layout untouched (function name and ARN, memory size, sampling
 * rate, request id, cold start, X-Ray trace id). Values under sensitive-looking keys, at any depth, are replaced
 * as the line is serialized, through Powertools' public `jsonReplacerFn` hook (its formatter class is internal).
 */
export const logger: Logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: (key, value) => (sensitiveKey.test(key) ? '[redacted]' : value),
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
