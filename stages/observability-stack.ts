import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { ServiceFunction } from './constructs/service-function.js';
import { MetricsSharingRole } from './constructs/metrics-sharing-role.js';
import { SiteCanary } from './constructs/site-canary.js';
import { createAlarmTopic } from './private/observability/alarm-topic.js';
import { addStandingAlarms, StageAlarms } from './private/observability/alarms.js';
import { createDashboard } from './private/observability/dashboard.js';
import { createBudget, createTrail } from './private/observability/governance.js';
import { createSlackNotifier } from './private/observability/slack-notifier.js';

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
 * connections and workflow failures → encrypted SNS topic → Slack notifier and the alert e-mail; CloudTrail;
 * monthly budget; in Production the site canary and the metrics-sharing role. Each part is built in
 * private/observability/ in this stack's own scope, so the resources keep their logical ids.
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

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);

    this.alarmTopic = createAlarmTopic(this, props);
    const alarms = new StageAlarms(this, props, this.alarmTopic);
    this.slackNotifier = createSlackNotifier(this, this.alarmTopic, props);
    const functions: MonitoredFunction[] = [
      ...props.functions,
      { name: 'observability-slack-notifier', function: this.slackNotifier },
    ];

    const apiServerErrors = addStandingAlarms(alarms, props, functions);
    if (props.siteCanary) {
      this.siteCanary = new SiteCanary(this, 'SiteCanary', props.siteCanary);
      alarms.add('site-canary', {
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
    this.alarms = alarms.byKey;

    this.dashboard = createDashboard(this, props, functions, apiServerErrors, Object.values(alarms.byKey));
    this.trail = createTrail(this, props, functions);
    createBudget(this, props);
  }
}
