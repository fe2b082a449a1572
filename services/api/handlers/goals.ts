import { countServerFaults } from '../count-server-faults.js';
import { lambdaHandler } from '../lambda-handler.js';
import { goalsRouter } from '../routers/goals.js';

export const handler = countServerFaults(lambdaHandler(goalsRouter));
