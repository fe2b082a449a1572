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

/** The seconds to wait that the first of `errors` asking for it gives, if any does. */
export function retryAfterSeconds(errors: readonly unknown[]): number | undefined {
  for (const error of errors) if (error instanceof RetryLaterError) return error.retryAfterSeconds;
  return undefined;
}
