import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { tasksRouter } from '../routers/tasks.js';
import { createLambdaContext } from '../trpc.js';
import { countServerFaults } from '../count-server-faults.js';

export const handler = countServerFaults(
  awsLambdaRequestHandler({ router: tasksRouter, createContext: createLambdaContext }),
);
