import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { goalsRouter } from '../routers/goals.js';
import { createLambdaContext } from '../trpc.js';
import { countServerFaults } from '../count-server-faults.js';

export const handler = countServerFaults(
  awsLambdaRequestHandler({ router: goalsRouter, createContext: createLambdaContext }),
);
