import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, SERVER_FAULT_METRIC } from '../services/shared/metric-names.js';
import type { ApiStack } from './api-stack.js';
import type { ObservabilityStack } from './observability-stack.js';

/**
 * One thing a release is judged by after it deploys. Its metric names only literal dimensions (no
 * CloudFormation reference) and carries the stage's account and region, so an alarm in another account
 * (the pipeline's, through CloudWatch cross-account metrics) can watch it.
 */
export interface ReleaseSignal {
  /** Short kebab-case key, part of the alarm's name (`api-5xx`). */
  readonly key: string;
  /** What going wrong means, for people reading the alarm in Slack. */
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
}

export interface ReleaseSignalSources {
  readonly api: ApiStack;
  readonly observability: ObservabilityStack;
  /** The workflow's state machine name (fixed by the stage). */
  readonly stateMachineName: string;
}

/** At most five: one CodePipeline condition holds five rules. */
export function releaseSignals({
  api,
  observability,
  stateMachineName,
}: ReleaseSignalSources): ReleaseSignal[] {
  const { account, region } = Stack.of(api);
  const where = { account, region };
  const fiveMinutes = Duration.minutes(5);
  const sum = (metric: cloudwatch.Metric) =>
    metric.with({ ...where, statistic: cloudwatch.Stats.SUM, period: fiveMinutes });
  const faults = Object.fromEntries(
    api.functions.map(({ serviceName }, index) => [
      `f${index}`,
      sum(
        new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: SERVER_FAULT_METRIC.name,
          dimensionsMap: { [SERVER_FAULT_METRIC.serviceDimension]: serviceName },
        }),
      ),
    ]),
  );
  const stateMachine = (metricName: string) =>
    sum(
      new cloudwatch.Metric({
        namespace: 'AWS/States',
        metricName,
        dimensionsMap: {
          StateMachineArn: `arn:${Stack.of(api).partition}:states:${region}:${account}:stateMachine:${stateMachineName}`,
        },
      }),
    );
  const signals: ReleaseSignal[] = [
    {
      key: 'api-5xx',
      description: 'more than 5% of API requests answered 5xx in 5 minutes (API Gateway)',
      metric: api.restApi
        .metricServerError()
        .with({ ...where, statistic: cloudwatch.Stats.AVERAGE, period: fiveMinutes }),
      threshold: 0.05,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    },
    {
      key: 'api-faults',
      description: 'an API function answered a server error (ServerFault of any function)',
      metric: new cloudwatch.MathExpression({
        expression: Object.keys(faults).join(' + '),
        usingMetrics: faults,
        label: 'server faults, all API functions',
        period: fiveMinutes,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    },
    {
      key: 'workflow-failures',
      description: 'an AI task-generation execution failed, timed out or was aborted',
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: stateMachine('ExecutionsFailed'),
          timedOut: stateMachine('ExecutionsTimedOut'),
          aborted: stateMachine('ExecutionsAborted'),
        },
        label: 'failed + timed out + aborted',
        period: fiveMinutes,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    },
  ];
  if (observability.siteCanary) {
    signals.push({
      key: 'site-canary',
      description: 'a site canary run failed (the page, its script or /api/health)',
      metric: observability.siteCanary.successPercent.with(where),
      threshold: 100,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    });
  }
  return signals;
}
