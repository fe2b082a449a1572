/**
 * Wraps an API Lambda handler so every answer with a 5xx status counts one `ServerFault` (see
 * services/shared/metric-names.ts): the metric the function's canary alarm and standing alarm watch.
 * Bad input, 401 and 404 are the client's doing and do not count; a thrown error is Lambda's `Errors`.
 */
import { SERVER_FAULT_METRIC } from '../shared/metric-names.js';

interface HttpAnswer {
  readonly statusCode?: number;
}

/** The handler, unchanged for its callers, counting the server faults it answers. */
export function countServerFaults<A extends unknown[], R extends HttpAnswer>(
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const answer = await handler(...args);
    if ((answer.statusCode ?? 200) >= 500) await recordServerFault();
    return answer;
  };
}

async function recordServerFault(): Promise<void> {
  // Loaded on the first fault only: the happy path never pays for it.
  const { metrics, MetricUnit } = await import('../shared/metrics.js');
  if (!metrics.enabled) return;
  // A metric of its own, published at once: the procedure's metrics are already flushed by then.
  const fault = metrics.singleMetric();
  fault.addDimensions({
    [SERVER_FAULT_METRIC.versionDimension]: process.env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
  });
  // An empty set is the service dimension alone: the same count across versions, for the standing alarm.
  fault.addDimensions({});
  fault.addMetric(SERVER_FAULT_METRIC.name, MetricUnit.Count, 1);
}
