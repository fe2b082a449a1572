/**
 * The Lambda handler every API service exports: tRPC's API Gateway adapter over the shared context, with
 * batching off. One request is one procedure call, so a request cannot run a thousand procedures (or two
 * hundred password checks) past throttling and API Gateway's 29 s; the web app never batches (httpLink).
 */
import type { AnyRouter } from '@trpc/server';
import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { createLambdaContext } from './trpc.js';

export function lambdaHandler<TRouter extends AnyRouter>(router: TRouter) {
  return awsLambdaRequestHandler({ router, createContext: createLambdaContext, allowBatching: false });
}
