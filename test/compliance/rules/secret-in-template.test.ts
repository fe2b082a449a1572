import { SecretValue } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { NagRuleCompliance } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SecretInTemplate } from '../../../compliance/rules/secret-in-template.js';
import { inlineFunction, synthesized, testStack } from './helpers.js';

// Built from pieces so no scanner mistakes this test for a leaked webhook.
const webhook = ['https://hooks.slack.com', 'services', 'T0000000', 'B0000000', 'abcdefghijklmnop'].join('/');

describe('GoalMandala-SecretInTemplate', () => {
  it('accepts a function that gets its secret by ARN, and a database whose password is a dynamic reference', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'SlackWebhook');
    const fn = inlineFunction(stack, 'Notifier', {
      SLACK_WEBHOOK_SECRET_ARN: secret.secretArn,
      LOG_LEVEL: 'INFO',
    });
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = new rds.DatabaseCluster(stack, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({
        version: rds.AuroraPostgresEngineVersion.VER_15_17,
      }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      vpc,
    });

    expect(SecretInTemplate(synthesized(fn))).toBe(NagRuleCompliance.COMPLIANT);
    expect(SecretInTemplate(synthesized(cluster.node.defaultChild as rds.CfnDBCluster))).toBe(
      NagRuleCompliance.COMPLIANT,
    );
  });

  it('flags a resolved secret reference in a Lambda environment, naming the variable', () => {
    const stack = testStack();
    const fn = inlineFunction(stack, 'Notifier', {
      SLACK_WEBHOOK_URL: SecretValue.secretsManager('goal-mandala/slack-webhook-url').unsafeUnwrap(),
      LOG_LEVEL: 'INFO',
    });

    expect(SecretInTemplate(synthesized(fn))).toEqual(['Environment.Variables.SLACK_WEBHOOK_URL']);
  });

  it('flags a literal Slack webhook URL anywhere in a template, and a private key in an environment', () => {
    const stack = testStack();
    const parameter = new ssm.StringParameter(stack, 'Webhook', { stringValue: webhook });
    const fn = inlineFunction(stack, 'Signer', {
      KEY: ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEow...'].join(' '),
    });

    expect(SecretInTemplate(synthesized(parameter.node.defaultChild as ssm.CfnParameter))).toEqual(['Value']);
    expect(SecretInTemplate(synthesized(fn))).toEqual(['Environment.Variables.KEY']);
  });

  it('flags a resolved secret in a plaintext CodeBuild variable, not one CodeBuild resolves itself', () => {
    const stack = testStack();
    const project = (variables: Record<string, codebuild.BuildEnvironmentVariable>) =>
      new codebuild.Project(stack, `Build${Object.keys(variables)[0]}`, {
        buildSpec: codebuild.BuildSpec.fromObject({
          version: '0.2',
          phases: { build: { commands: ['true'] } },
        }),
        environmentVariables: variables,
      }).node.defaultChild as codebuild.CfnProject;

    const plaintext = project({
      SLACK_WEBHOOK_URL: {
        value: SecretValue.secretsManager('goal-mandala/slack-webhook-url').unsafeUnwrap(),
      },
    });
    const resolvedByCodeBuild = project({
      SLACK: {
        type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER,
        value: 'goal-mandala/slack-webhook-url',
      },
    });

    expect(SecretInTemplate(synthesized(plaintext))).toEqual([
      'Environment.EnvironmentVariables.SLACK_WEBHOOK_URL',
    ]);
    expect(SecretInTemplate(synthesized(resolvedByCodeBuild))).toBe(NagRuleCompliance.COMPLIANT);
  });
});
