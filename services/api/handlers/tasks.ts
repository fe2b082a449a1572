import { countServerFaults } from '../count-server-faults.js';
import { lambdaHandler } from '../lambda-handler.js';
import { tasksRouter } from '../routers/tasks.js';

export const handler = countServerFaults(lambdaHandler(tasksRouter));
