import { lambdaHandler } from '../lambda-handler.js';
import { aiRouter } from '../routers/ai.js';

export const handler = lambdaHandler(aiRouter);
