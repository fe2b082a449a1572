/**
 * StageBake on a small V2 pipeline: the On Success condition (CloudWatchAlarm rules, result ROLLBACK)
 * and On Failure rollback land on the named stage only, through the CfnPipeline, and the pipeline's role
 * may read exactly the bake alarms.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { StageBake } from '../../pipeline/stage-bake.js';
import type { ReleaseSignal } from '../../stages/release-signals.js';

function signal(key: string, account = '333333333333'): ReleaseSignal {
  return {
    key,
    description: `${key} went wrong`,
    metric: new cloudwatch.Metric({
      namespace: 'GoalMandala',
      metricName: 'ServerFault',
      dimensionsMap: { service: key },
      account,
      region: 'ap-northeast-1',
    }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  };
}

function smallPipeline() {
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Toolchain', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const source = new codepipeline.Artifact();
  const pipeline = new codepipeline.Pipeline(stack, 'Pipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    stages: [
      {
        stageName: 'Source',
        actions: [
          new actions.CodeStarConnectionsSourceAction({
            actionName: 'Checkout',
            owner: 'o',
            repo: 'r',
            output: source,
            connectionArn: 'arn:aws:codeconnections:ap-northeast-1:111111111111:connection/x',
          }),
        ],
      },
      { stageName: 'Staging', actions: [new actions.ManualApprovalAction({ actionName: 'Wait' })] },
      { stageName: 'Production', actions: [new actions.ManualApprovalAction({ actionName: 'Ship' })] },
    ],
  });
  return { stack, pipeline };
}

describe('StageBake', () => {
  it('rolls the named stage back when a bake alarm goes off within the bake time, or when the stage fails', () => {
    const { stack, pipeline } = smallPipeline();
    const topic = new sns.Topic(stack, 'Topic');
    const bake = new StageBake(stack, 'Bake', {
      pipeline,
      stageName: 'Production',
      signals: [signal('api'), signal('site')],
      bakeTime: Duration.minutes(45),
      alarmNamePrefix: 'app-production',
      alarmTopic: topic,
    });
    const template = Template.fromStack(stack);
    const stages = (
      Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0]!.Properties as {
        Stages: { Name: string; OnSuccess?: unknown; OnFailure?: unknown }[];
      }
    ).Stages;
    const byName = Object.fromEntries(stages.map((stage) => [stage.Name, stage]));
    const alarmRef = (key: string) => ({
      Ref: stack.getLogicalId(bake.alarms[key]!.node.defaultChild as never),
    });
    expect(byName.Production!.OnSuccess).toEqual({
      Conditions: [
        {
          Result: 'ROLLBACK',
          Rules: ['api', 'site'].map((key) => ({
            Name: `Bake-${key}`,
            RuleTypeId: { Category: 'Rule', Owner: 'AWS', Provider: 'CloudWatchAlarm', Version: '1' },
            Configuration: { AlarmName: alarmRef(key), AlarmStates: 'ALARM', WaitTime: '45' },
          })),
        },
      ],
    });
    expect(byName.Production!.OnFailure).toEqual({ Result: 'ROLLBACK' });
    expect(byName.Staging!.OnSuccess).toBeUndefined();
    expect(byName.Staging!.OnFailure).toBeUndefined();

    // The alarms watch the other account's metric, are named for people, and tell the topic.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'app-production-bake-api',
      Metrics: [Match.objectLike({ AccountId: '333333333333' })],
      AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as never) }],
      OKActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as never) }],
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'cloudwatch.amazonaws.com' } }),
        ]),
      },
    });
    // The rules run as the pipeline's role: it may describe these alarms and no others.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'cloudwatch:DescribeAlarms',
            Effect: 'Allow',
            Resource: ['api', 'site'].map((key) => ({
              'Fn::GetAtt': [alarmRef(key).Ref, 'Arn'],
            })),
          },
        ]),
      },
    });
  });

  it('refuses a stage the pipeline does not have, and more signals than one condition holds', () => {
    const { stack, pipeline } = smallPipeline();
    expect(
      () =>
        new StageBake(stack, 'Missing', {
          pipeline,
          stageName: 'Prod',
          signals: [signal('a')],
          bakeTime: Duration.minutes(30),
          alarmNamePrefix: 'p',
        }),
    ).toThrow(/no stage "Prod"/);
    expect(
      () =>
        new StageBake(stack, 'TooMany', {
          pipeline,
          stageName: 'Production',
          signals: ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => signal(key)),
          bakeTime: Duration.minutes(30),
          alarmNamePrefix: 'p',
        }),
    ).toThrow(/1 to 5 signals/);
  });
});
