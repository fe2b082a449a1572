import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { tasksRouter } from '../routers/tasks.js';
import { createLambdaContext } from '../trpc.js';

export const handler = awsLambdaRequestHandler({ router: tasksRouter, createContext: createLambdaContext });
