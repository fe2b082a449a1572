import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { restrictKeyGrantsToAwsServices } from './constructs/restrict-key-grants.js';
import { ServiceFunction } from './constructs/service-function.js';
import { MetricsSharingRole } from './constructs/metrics-sharing-role.js';
import { SiteCanary } from './constructs/site-canary.js';
import { METRICS_NAMESPACE, SERVER_FAULT_METRIC } from '../services/shared/metric-names.js';

/** A project function to chart and alarm on. */
export interface MonitoredFunction {
  /** Short kebab-case label, unique in the stage (`api-auth`, `workflow-start-job`). */
  readonly name: string;
  readonly function: lambda.IFunction;
}

/** An API function that counts its 5xx answers (`ServerFault`, services/shared/metric-names.ts). */
export interface FaultCountingFunction {
  /** Short kebab-case label, unique in the stage (`auth`, `health`). */
  readonly name: string;
  /** Its Powertools service name: the `service` dimension of the metric. */
  readonly serviceName: string;
}

export interface ObservabilityStackProps extends StackProps {
  /** Prefix of the names people read (dashboard, alarms). */
  readonly appName: string;
  /** `staging` or `production`: part of the dashboard and alarm names, so both stages can deploy. */
  readonly stageName: string;
  readonly restApi: apigateway.RestApi;
  /** Every project function of the stage; each gets an error alarm and a line on the dashboard. */
  readonly functions: readonly MonitoredFunction[];
  /**
   * The API functions; each gets a server-fault alarm (5xx answers of any version).
   * @default - none
   */
  readonly apiFunctions?: readonly FaultCountingFunction[];
  readonly cluster: rds.DatabaseCluster;
  readonly stateMachine: sfn.IStateMachine;
  /** The site's bucket: writes to it are recorded by CloudTrail (data events). */
  readonly siteBucket: s3.IBucket;
  /** Where alarm and budget e-mails go. */
  readonly alertEmail: string;
  /** Monthly cost budget; an e-mail goes out when actual spend passes 80% of it. */
  readonly monthlyBudgetUsd: number;
  /** Name of the Secrets Manager secret holding the Slack webhook URL (read at run time, by ARN). */
  readonly slackWebhookSecretName: string;
  /**
   * A Synthetics canary loading the site and `/api/health` every 5 minutes, with an alarm on its success.
   * @default - no canary (staging: its database pauses when idle and a canary would keep it awake)
   */
  readonly siteCanary?: {
    /** The site's origin. */
    readonly siteUrl: string;
    /** See `SiteCanaryProps.canaryName`. */
    readonly canaryName: string;
  };
  /**
   * An account whose alarms may read this stage's metrics (the pipeline's, for the production bake).
   * @default - metrics are not shared
   */
  readonly metricsMonitoringAccount?: string;
  /**
   * Database connections above which the connections alarm fires (0.5–2 ACU Aurora allows about 100–200).
   * @default 45
   */
  readonly databaseConnectionsThreshold?: number;
}

/**
 * Dashboard; alarms on API 5xx, every function's errors, every API function's server faults, database
 * connections and workflow
 * failures → encrypted SNS topic → Slack notifier and the alert e-mail; CloudTrail; monthly budget.
 */
export class ObservabilityStack extends Stack {
  readonly dashboard: cloudwatch.Dashboard;
  /** KMS-encrypted topic every alarm notifies. */
  readonly alarmTopic: sns.Topic;
  readonly slackNotifier: ServiceFunction;
  /** Every alarm of this stack, by a readable key (`api-5xx`, `function-api-auth-errors`...). */
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  readonly trail: cloudtrail.Trail;
  /** The site canary, when `siteCanary` was given. */
  readonly siteCanary?: SiteCanary;

  private readonly alarmAction: cloudwatchActions.SnsAction;
  private readonly alarmsByKey: Record<string, cloudwatch.Alarm> = {};
  private readonly props: ObservabilityStackProps;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    this.props = props;

    this.alarmTopic = this.createAlarmTopic();
    this.alarmAction = new cloudwatchActions.SnsAction(this.alarmTopic);
    this.slackNotifier = this.createSlackNotifier();
    const functions: MonitoredFunction[] = [
      ...props.functions,
      { name: 'observability-slack-notifier', function: this.slackNotifier },
    ];

    const apiServerErrors = this.alarm('api-5xx', {
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
      this.alarm(`function-${name}-errors`, {
        description: `the ${name} function threw errors`,
        metric: fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    for (const { name, serviceName } of props.apiFunctions ?? []) {
      this.alarm(`api-${name}-faults`, {
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
    this.alarm('database-connections', {
      description: 'database connections stayed high for 10 minutes (connection leak or pool too large?)',
      metric: props.cluster.metricDatabaseConnections({
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: props.databaseConnectionsThreshold ?? 45,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.alarm('workflow-failures', {
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
    if (props.siteCanary) {
      this.siteCanary = new SiteCanary(this, 'SiteCanary', props.siteCanary);
      this.alarm('site-canary', {
        description: 'the site canary failed twice in a row (the page, its script or /api/health)',
        metric: this.siteCanary.successPercent,
        threshold: 100,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      });
    }
    if (props.metricsMonitoringAccount) {
      new MetricsSharingRole(this, 'MetricsSharing', { monitoringAccount: props.metricsMonitoringAccount });
    }
    this.alarms = this.alarmsByKey;

    this.dashboard = this.createDashboard(functions, apiServerErrors);
    this.trail = this.createTrail(functions);
    this.createBudget();
  }

  /** Alarm topic, encrypted with a rotating customer key that CloudWatch may use to publish. */
  private createAlarmTopic(): sns.Topic {
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `${this.props.appName} ${this.props.stageName} alarm topic`,
      enableKeyRotation: true,
    });
    restrictKeyGrantsToAwsServices(key);
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.props.appName} ${this.props.stageName} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    // A topic policy replaces SNS's default one: without this statement CloudWatch could not publish.
    topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    topic.addSubscription(new subscriptions.EmailSubscription(this.props.alertEmail));
    return topic;
  }

  /** Posts every alarm to Slack; the webhook URL stays in Secrets Manager and is read at run time. */
  private createSlackNotifier(): ServiceFunction {
    const webhookSecret = secretsmanager.Secret.fromSecretNameV2(
      this,
      'SlackWebhookSecret',
      this.props.slackWebhookSecretName,
    );
    const notifier = new ServiceFunction(this, 'SlackNotifierFunction', {
      entry: 'services/notifier/handler.ts',
      serviceName: 'notifier',
      description: `Goal Mandala ${this.props.stageName} alarms to Slack`,
      // The secret's ARN, never its value.
      environment: { SLACK_WEBHOOK_SECRET_ID: webhookSecret.secretArn },
    });
    webhookSecret.grantRead(notifier);
    this.alarmTopic.addSubscription(new subscriptions.LambdaSubscription(notifier));
    return notifier;
  }

  private alarm(
    key: string,
    options: {
      readonly description: string;
      readonly metric: cloudwatch.IMetric;
      readonly threshold: number;
      readonly evaluationPeriods: number;
      readonly comparisonOperator: cloudwatch.ComparisonOperator;
    },
  ): cloudwatch.Alarm {
    const { appName, stageName } = this.props;
    const alarm = new cloudwatch.Alarm(this, `${pascalCase(key)}Alarm`, {
      // Readable in Slack and derived from the stage, so staging and production never collide.
      alarmName: `${appName}-${stageName}-${key}`,
      alarmDescription: `Goal Mandala ${stageName}: ${options.description}`,
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods,
      comparisonOperator: options.comparisonOperator,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.alarmAction);
    alarm.addOkAction(this.alarmAction);
    this.alarmsByKey[key] = alarm;
    return alarm;
  }

  private createDashboard(
    functions: readonly MonitoredFunction[],
    apiServerErrors: cloudwatch.Alarm,
  ): cloudwatch.Dashboard {
    const { restApi, cluster, stateMachine, appName, stageName } = this.props;
    const fiveMinutes = { period: Duration.minutes(5) };
    const perFunction = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
      functions.map(({ name, function: fn }) =>
        (metric(fn) as cloudwatch.Metric).with({ label: name, period: Duration.minutes(5) }),
      );
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
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
        alarms: Object.values(this.alarmsByKey),
        width: 24,
      }),
    );
    return dashboard;
  }

  /**
   * Audit trail as designed (all regions, global services, log file validation, CloudWatch Logs),
   * into its own encrypted bucket. Data events are scoped to this stage: invocations of its functions
   * and writes to the site bucket — not every object read of every bucket in the account.
   */
  private createTrail(functions: readonly MonitoredFunction[]): cloudtrail.Trail {
    const bucket = new s3.Bucket(this, 'TrailBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // The audit trail is kept a year (Control Tower's minimum for audit logs).
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Named, so the bucket can hold CloudTrail to this trail alone (aws:SourceArn, as AWS recommends)
    // without a reference from the bucket policy back to the trail, which depends on that policy.
    const trailName = `${this.props.appName}-${this.props.stageName}`;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailOnlyForThisTrail',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['s3:GetBucketAcl', 's3:PutObject'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: {
            'aws:SourceArn': this.formatArn({
              service: 'cloudtrail',
              resource: 'trail',
              resourceName: trailName,
            }),
          },
        },
      }),
    );
    const trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket,
      includeGlobalServiceEvents: true,
      isMultiRegionTrail: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
    });
    trail.addLambdaEventSelector(
      functions.map(({ function: fn }) => fn),
      { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
    );
    trail.addS3EventSelector([{ bucket: this.props.siteBucket }], {
      readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY,
      includeManagementEvents: false,
    });
    return trail;
  }

  /** Monthly cost budget; the alert e-mail hears when actual spend passes 80%. */
  private createBudget(): budgets.CfnBudget {
    return new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `${this.props.appName}-${this.props.stageName}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: this.props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers: [{ subscriptionType: 'EMAIL', address: this.props.alertEmail }],
        },
      ],
    });
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
