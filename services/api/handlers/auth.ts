import { countServerFaults } from '../count-server-faults.js';
import { lambdaHandler } from '../lambda-handler.js';
import { authRouter } from '../routers/auth.js';

export const handler = countServerFaults(lambdaHandler(authRouter));
