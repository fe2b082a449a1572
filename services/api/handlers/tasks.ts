import { lambdaHandler } from '../lambda-handler.js';
import { tasksRouter } from '../routers/tasks.js';

export const handler = lambdaHandler(tasksRouter);
