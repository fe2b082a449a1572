/**
 * A 429 that says when to come back: the Lambda handler turns `retryAfterSeconds` into a `Retry-After`
 * header (services/api/lambda-handler.ts) and the error shape carries it for the web app to word.
 */
import { TRPCError } from '@trpc/server';

export class RetryLaterError extends TRPCError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ code: 'TOO_MANY_REQUESTS', message });
  }
}

/** "<what>, try again in N minute(s)", with the seconds for Retry-After. */
export function retryLaterInMinutes(what: string, waitSeconds: number): RetryLaterError {
  const minutes = Math.ceil(waitSeconds / 60);
  return new RetryLaterError(
    `${what}, try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    waitSeconds,
  );
}

/** The seconds to wait that the first of `errors` asking for it gives, if any does. */
export function retryAfterSeconds(errors: readonly unknown[]): number | undefined {
  for (const error of errors) if (error instanceof RetryLaterError) return error.retryAfterSeconds;
  return undefined;
}
