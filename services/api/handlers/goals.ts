import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { goalsRouter } from '../routers/goals.js';
import { createLambdaContext } from '../trpc.js';

export const handler = awsLambdaRequestHandler({ router: goalsRouter, createContext: createLambdaContext });
