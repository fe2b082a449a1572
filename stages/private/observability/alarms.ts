import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVER_FAULT_METRIC } from '../../../services/shared/metric-names.js';
import type { MonitoredFunction, ObservabilityStackProps } from '../../observability-stack.js';

export interface AlarmOptions {
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
}

/** The stage's alarms, named after the app and stage, each notifying the alarm topic when it fires and clears. */
export class StageAlarms {
  /** Every alarm, by a readable key (`api-5xx`, `function-api-auth-errors`...). */
  readonly byKey: Record<string, cloudwatch.Alarm> = {};
  private readonly action: cloudwatchActions.SnsAction;

  constructor(
    private readonly scope: Construct,
    private readonly names: Pick<ObservabilityStackProps, 'appName' | 'stageName'>,
    topic: sns.ITopic,
  ) {
    this.action = new cloudwatchActions.SnsAction(topic);
  }

  add(key: string, options: AlarmOptions): cloudwatch.Alarm {
    const { appName, stageName } = this.names;
    const alarm = new cloudwatch.Alarm(this.scope, `${pascalCase(key)}Alarm`, {
      // Readable in Slack and derived from the stage, so staging and production never collide.
      alarmName: `${appName}-${stageName}-${key}`,
      alarmDescription: `Goal Mandala ${stageName}: ${options.description}`,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods,
      comparisonOperator: options.comparisonOperator,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.byKey[key] = alarm;
    return alarm;
  }
}

/**
 * The standing alarms: API 5xx rate, every function's errors, every API function's server faults, database
 * connections and workflow failures. Returns the API 5xx alarm (the dashboard shows it).
 */
export function addStandingAlarms(
  alarms: StageAlarms,
  props: Pick<
    ObservabilityStackProps,
    'restApi' | 'apiFunctions' | 'cluster' | 'stateMachine' | 'databaseConnectionsThreshold'
  > & { readonly restApi: apigateway.RestApi },
  functions: readonly MonitoredFunction[],
): cloudwatch.Alarm {
  const apiServerErrors = alarms.add('api-5xx', {
    description: 'more than 5% of API requests answered 5xx for 10 minutes',
    metric: props.restApi.metricServerError({
      statistic: cloudwatch.Stats.AVERAGE,
      period: Duration.minutes(5),
    }),
    threshold: 0.05,
    evaluationPeriods: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  for (const { name, function: fn } of functions) {
    alarms.add(`function-${name}-errors`, {
      description: `the ${name} function threw errors`,
      metric: fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
  for (const { name, serviceName } of props.apiFunctions ?? []) {
    alarms.add(`api-${name}-faults`, {
      description: `the ${name} API function answered server errors (5xx)`,
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: SERVER_FAULT_METRIC.name,
        dimensionsMap: { [SERVER_FAULT_METRIC.serviceDimension]: serviceName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
  alarms.add('database-connections', {
    description: 'database connections stayed high for 10 minutes (connection leak or pool too large?)',
    metric: props.cluster.metricDatabaseConnections({
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(5),
    }),
    threshold: props.databaseConnectionsThreshold ?? 45,
    evaluationPeriods: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  });
  alarms.add('workflow-failures', {
    description: 'AI task-generation executions failed, timed out or were aborted',
    metric: new cloudwatch.MathExpression({
      label: 'failed + timed out + aborted',
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: props.stateMachine.metricFailed({ statistic: cloudwatch.Stats.SUM }),
        timedOut: props.stateMachine.metricTimedOut({ statistic: cloudwatch.Stats.SUM }),
        aborted: props.stateMachine.metricAborted({ statistic: cloudwatch.Stats.SUM }),
      },
      period: Duration.minutes(5),
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  });
  return apiServerErrors;
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
