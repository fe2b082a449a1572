import { countServerFaults } from '../count-server-faults.js';
import { lambdaHandler } from '../lambda-handler.js';
import { reflectionsRouter } from '../routers/reflections.js';

export const handler = countServerFaults(lambdaHandler(reflectionsRouter));
