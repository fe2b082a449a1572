import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { reflectionsRouter } from '../routers/reflections.js';
import { createLambdaContext } from '../trpc.js';

export const handler = awsLambdaRequestHandler({
  router: reflectionsRouter,
  createContext: createLambdaContext,
});
