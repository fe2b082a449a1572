import { lambdaHandler } from '../lambda-handler.js';
import { goalsRouter } from '../routers/goals.js';

export const handler = lambdaHandler(goalsRouter);
