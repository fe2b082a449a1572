import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { MonitoredFunction, ObservabilityStackProps } from '../../observability-stack.js';

/** The stage's dashboard: API, functions, database, workflow, and every alarm's state. */
export function createDashboard(
  scope: Construct,
  props: Pick<ObservabilityStackProps, 'restApi' | 'cluster' | 'stateMachine' | 'appName' | 'stageName'>,
  functions: readonly MonitoredFunction[],
  apiServerErrors: cloudwatch.Alarm,
  alarms: cloudwatch.Alarm[],
): cloudwatch.Dashboard {
  const { restApi, cluster, stateMachine, appName, stageName } = props;
  const fiveMinutes = { period: Duration.minutes(5) };
  const perFunction = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
    functions.map(({ name, function: fn }) =>
      (metric(fn) as cloudwatch.Metric).with({ label: name, period: Duration.minutes(5) }),
    );
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: `${appName}-${stageName}`,
    defaultInterval: Duration.hours(6),
  });
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'API requests and errors',
      left: [restApi.metricCount({ ...fiveMinutes, label: 'requests' })],
      right: [
        restApi.metricClientError({ ...fiveMinutes, statistic: cloudwatch.Stats.SUM, label: '4xx' }),
        restApi.metricServerError({ ...fiveMinutes, statistic: cloudwatch.Stats.SUM, label: '5xx' }),
      ],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'API latency (ms)',
      left: [
        restApi.metricLatency({ ...fiveMinutes, statistic: cloudwatch.Stats.percentile(50), label: 'p50' }),
        restApi.metricLatency({ ...fiveMinutes, statistic: cloudwatch.Stats.percentile(90), label: 'p90' }),
        restApi.metricLatency({ ...fiveMinutes, statistic: cloudwatch.Stats.percentile(99), label: 'p99' }),
      ],
      width: 8,
    }),
    new cloudwatch.AlarmWidget({ title: 'API 5xx rate', alarm: apiServerErrors, width: 8 }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Function invocations',
      left: perFunction((fn) => fn.metricInvocations({ statistic: cloudwatch.Stats.SUM })),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Function errors',
      left: perFunction((fn) => fn.metricErrors({ statistic: cloudwatch.Stats.SUM })),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Function duration p90 (ms)',
      left: perFunction((fn) => fn.metricDuration({ statistic: cloudwatch.Stats.percentile(90) })),
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'Database connections',
      left: [cluster.metricDatabaseConnections({ ...fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM })],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Database capacity',
      left: [cluster.metricServerlessDatabaseCapacity({ ...fiveMinutes, label: 'ACU' })],
      right: [cluster.metricACUUtilization({ ...fiveMinutes, label: 'ACU utilization %' })],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'AI workflow executions',
      left: [
        stateMachine.metricStarted({ ...fiveMinutes, label: 'started' }),
        stateMachine.metricSucceeded({ ...fiveMinutes, label: 'succeeded' }),
        stateMachine.metricFailed({ ...fiveMinutes, label: 'failed' }),
      ],
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new cloudwatch.AlarmStatusWidget({
      title: 'Alarms',
      alarms: alarms,
      width: 24,
    }),
  );
  return dashboard;
}
