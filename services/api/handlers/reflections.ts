import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { reflectionsRouter } from '../routers/reflections.js';
import { createLambdaContext } from '../trpc.js';
import { countServerFaults } from '../count-server-faults.js';

export const handler = countServerFaults(
  awsLambdaRequestHandler({
    router: reflectionsRouter,
    createContext: createLambdaContext,
  }),
);
