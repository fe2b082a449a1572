import { type Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ReleaseSignal } from '../stages/release-signals.js';

/** A CodePipeline condition holds at most five rules. */
const MAX_RULES = 5;

export interface StageBakeProps {
  /** The built CodePipeline (after `pipelines.CodePipeline.buildPipeline()`). */
  readonly pipeline: codepipeline.Pipeline;
  /** Name of the pipeline stage that bakes (`Production`). */
  readonly stageName: string;
  /** What the release is judged by (the stage's `releaseSignals`); at most five. */
  readonly signals: readonly ReleaseSignal[];
  /** How long the stage stays under its alarms after its last action before the run counts as released. */
  readonly bakeTime: Duration;
  /** Prefix of the alarm names (`goal-mandala-production`): `${prefix}-bake-${signal.key}`. */
  readonly alarmNamePrefix: string;
  /**
   * Where the bake alarms announce ALARM and OK (the Slack notifier's topic): why a bake rolled back.
   * @default - no notification
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * Bakes a pipeline stage: once its actions succeeded, CodePipeline V2 watches one alarm per signal for
 * `bakeTime` (an On Success condition of CloudWatchAlarm rules); an alarm meanwhile, or a failed action,
 * rolls the stage back to its last successful revision by itself (result ROLLBACK).
 *
 * CDK Pipelines does not expose stage conditions (aws-cdk #30083, #33511): they are set on the underlying
 * CfnPipeline. The rules read alarms of the pipeline's own account, so the alarms live here, on the
 * stage's metrics through CloudWatch cross-account metrics (the stage's account shares them with the
 * `CloudWatch-CrossAccountSharingRole`, see stages/constructs/metrics-sharing-role.ts).
 */
export class StageBake extends Construct {
  /** The bake alarms, by signal key. */
  readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: StageBakeProps) {
    super(scope, id);
    if (props.signals.length === 0 || props.signals.length > MAX_RULES) {
      throw new Error(
        `StageBake: 1 to ${MAX_RULES} signals (one condition's rules), got ${props.signals.length}`,
      );
    }
    const minutes = props.bakeTime.toMinutes();
    const alarms: Record<string, cloudwatch.Alarm> = {};
    for (const signal of props.signals) {
      const alarm = new cloudwatch.Alarm(this, `${pascalCase(signal.key)}Alarm`, {
        // CodePipeline's rule names the alarm; a person reads it in Slack.
        alarmName: `${props.alarmNamePrefix}-bake-${signal.key}`,
        alarmDescription:
          `${props.stageName} bake: ${signal.description}. In ALARM while the stage bakes, CodePipeline ` +
          'rolls the stage back to its last successful revision.',
        metric: signal.metric,
        threshold: signal.threshold,
        evaluationPeriods: 1,
        comparisonOperator: signal.comparisonOperator,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (props.alarmTopic) {
        const action = new cloudwatchActions.SnsAction(props.alarmTopic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
      alarms[signal.key] = alarm;
    }
    this.alarms = alarms;
    // CloudWatch publishes the alarms' changes itself: the topic's policy must let it (this account only).
    props.alarmTopic?.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    const stageIndex = props.pipeline.stages.findIndex((stage) => stage.stageName === props.stageName);
    if (stageIndex < 0) throw new Error(`StageBake: the pipeline has no stage "${props.stageName}"`);
    const cfnPipeline = props.pipeline.node.defaultChild as codepipeline.CfnPipeline;
    cfnPipeline.addPropertyOverride(`Stages.${stageIndex}.OnSuccess`, {
      Conditions: [
        {
          Result: 'ROLLBACK',
          Rules: Object.entries(alarms).map(([key, alarm]) => ({
            Name: `Bake-${key}`,
            RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'CloudWatchAlarm', Version: '1' },
            Configuration: { AlarmName: alarm.alarmName, AlarmStates: 'ALARM', WaitTime: String(minutes) },
          })),
        },
      ],
    });
    // A failed post-deploy step (health check, smoke test) rolls back as well, without waiting.
    cfnPipeline.addPropertyOverride(`Stages.${stageIndex}.OnFailure`, { Result: 'ROLLBACK' });

    // The rules run with the pipeline's role: it reads these alarms' states, nothing else.
    props.pipeline.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms'],
        resources: Object.values(alarms).map((alarm) => alarm.alarmArn),
      }),
    );
  }
}

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}
