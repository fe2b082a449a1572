/**
 * Powertools metrics (CloudWatch EMF lines). Off Lambda there is no one to read EMF, so they are disabled
 * unless POWERTOOLS_METRICS_DISABLED says otherwise.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';

if (!process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.POWERTOOLS_METRICS_DISABLED === undefined) {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
}

export const metrics = new Metrics({
  namespace: 'GoalMandala',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
});
export { MetricUnit } from '@aws-lambda-powertools/metrics';
