/**
 * Powertools metrics (CloudWatch EMF lines). Off Lambda there is no one to read EMF, so they are disabled
 * unless POWERTOOLS_METRICS_DISABLED says otherwise.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from './metric-names.js';

if (!process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.POWERTOOLS_METRICS_DISABLED === undefined) {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
}

/** Powertools Metrics that says whether it publishes, so callers can skip recording when it does not. */
class ServiceMetrics extends Metrics {
  get enabled(): boolean {
    return !this.isDisabled();
  }
}

export const metrics = new ServiceMetrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
});
export { MetricUnit } from '@aws-lambda-powertools/metrics';
