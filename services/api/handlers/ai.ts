import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { aiRouter } from '../routers/ai.js';
import { createLambdaContext } from '../trpc.js';

export const handler = awsLambdaRequestHandler({ router: aiRouter, createContext: createLambdaContext });
