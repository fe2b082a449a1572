import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { aiRouter } from '../routers/ai.js';
import { createLambdaContext } from '../trpc.js';
import { countServerFaults } from '../count-server-faults.js';

export const handler = countServerFaults(
  awsLambdaRequestHandler({ router: aiRouter, createContext: createLambdaContext }),
);
