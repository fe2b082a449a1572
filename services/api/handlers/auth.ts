import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import { authRouter } from '../routers/auth.js';
import { createLambdaContext } from '../trpc.js';

export const handler = awsLambdaRequestHandler({ router: authRouter, createContext: createLambdaContext });
