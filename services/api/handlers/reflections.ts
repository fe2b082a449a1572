import { lambdaHandler } from '../lambda-handler.js';
import { reflectionsRouter } from '../routers/reflections.js';

export const handler = lambdaHandler(reflectionsRouter);
