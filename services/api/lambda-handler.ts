/**
 * The Lambda handler every API service exports: tRPC's API Gateway adapter over the shared context, with
 * batching off. One request is one procedure call, so a request cannot run a thousand procedures (or two
 * hundred password checks) past throttling and API Gateway's 29 s; the web app never batches (httpLink).
 */
import type { AnyRouter } from '@trpc/server';
import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { retryAfterSeconds } from './retry-later.js';
import { createLambdaContext } from './trpc.js';

export function lambdaHandler<TRouter extends AnyRouter>(router: TRouter) {
  return awsLambdaRequestHandler({
    router,
    createContext: createLambdaContext,
    allowBatching: false,
    // A 429 that knows when to come back says so in `Retry-After` (services/api/retry-later.ts).
    responseMeta({ errors }) {
      const seconds = errors.length > 0 ? retryAfterSeconds(errors) : undefined;
      return seconds === undefined ? {} : { headers: { 'Retry-After': String(seconds) } };
    },
  });
}
