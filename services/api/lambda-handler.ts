/**
 * The Lambda handler every API service exports: tRPC's API Gateway adapter over a context built from the
 * dependencies its entry hands in, with batching off. One request is one procedure call, so a request cannot
 * run a thousand procedures (or two hundred password checks) past throttling and API Gateway's 29 s; the web
 * app never batches (httpLink).
 */
import type { AnyRouter } from '@trpc/server';
import {
  awsLambdaRequestHandler,
  type CreateAWSLambdaContextOptions,
} from '@trpc/server/adapters/aws-lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { countServerFaults } from './count-server-faults.js';
import { clientAddress } from './client-address.js';
import { createContextInner, type ApiDependencies, type Context } from './context.js';
import { requestHeader } from './request-header.js';
import { retryAfterSeconds } from './retry-later.js';

/** A service's handler (handlers/*.ts): the adapter below, counting the server faults it answers. */
export function serviceHandler<TRouter extends AnyRouter>(router: TRouter, dependencies: ApiDependencies) {
  return countServerFaults(lambdaHandler(router, dependencies));
}

export function lambdaHandler<TRouter extends AnyRouter>(router: TRouter, dependencies: ApiDependencies) {
  return awsLambdaRequestHandler({
    router,
    createContext: lambdaContext(dependencies),
    allowBatching: false,
    // A 429 that knows when to come back says so in `Retry-After` (services/api/retry-later.ts).
    responseMeta({ errors }) {
      const seconds = errors.length > 0 ? retryAfterSeconds(errors) : undefined;
      return seconds === undefined ? {} : { headers: { 'Retry-After': String(seconds) } };
    },
  });
}

/** Context for an API Gateway proxy event. */
function lambdaContext(dependencies: ApiDependencies) {
  return async ({
    event,
    context,
  }: CreateAWSLambdaContextOptions<APIGatewayProxyEvent>): Promise<Context> => {
    // The invocation's request id and cold start on every line this call logs.
    if (context) logger.addContext(context);
    let address: Promise<string> | undefined;
    return createContextInner({
      db: await dependencies.db(),
      dependencies,
      authorization: requestHeader(event.headers, 'Authorization'),
      clientAddress: () => (address ??= clientAddress(event, dependencies.originVerifySecretArn)),
      requestId: event.requestContext?.requestId ?? context?.awsRequestId,
    });
  };
}
