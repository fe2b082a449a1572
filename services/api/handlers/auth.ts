import { lambdaHandler } from '../lambda-handler.js';
import { authRouter } from '../routers/auth.js';

export const handler = lambdaHandler(authRouter);
