import { countServerFaults } from '../count-server-faults.js';
import { lambdaHandler } from '../lambda-handler.js';
import { aiRouter } from '../routers/ai.js';

export const handler = countServerFaults(lambdaHandler(aiRouter));
