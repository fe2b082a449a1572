import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { authRouter } from '../routers/auth.js';
import { createLambdaContext } from '../trpc.js';
import { countServerFaults } from '../count-server-faults.js';

export const handler = countServerFaults(
  awsLambdaRequestHandler({ router: authRouter, createContext: createLambdaContext }),
);
