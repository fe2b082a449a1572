import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, SecretValue, Stack, Stage } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { registerCompliance } from '../../compliance/register.js';
import type { ValidationReportJson } from '../../compliance/report/findings.js';
import { CONTEXT_KEY, readCdkJsonConfig, readAppContext } from '../../pipeline/config.js';
import { inlineFunction } from './rules/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

const cdkJsonContext = readAppContext() as Record<string, Record<string, unknown>>;

/**
 * A stack inside a stage inside a stack (how CDK Pipelines nests the stages), holding a function with a
 * secret in its environment and a database backed up at 03:00-04:00 UTC; synthesized with the packs
 * registered on the app only. Returns the rule names reported per pack.
 */
function synthNested(backupWindowUtc: string): Record<string, string[]> {
  const outdir = tempDir('gm-register-');
  const context = { ...cdkJsonContext, [CONTEXT_KEY]: { ...cdkJsonContext[CONTEXT_KEY], backupWindowUtc } };
  const app = new App({ outdir, context });
  registerCompliance(app, { backupWindowUtc });
  const pipeline = new Stack(app, 'Pipeline', { env: { account: '111111111111', region: 'ap-northeast-1' } });
  const data = new Stack(new Stage(pipeline, 'Staging'), 'Data');
  inlineFunction(data, 'Notifier', {
    SLACK_WEBHOOK_URL: SecretValue.secretsManager('goal-mandala/slack-webhook-url').unsafeUnwrap(),
  });
  new rds.CfnDBCluster(data, 'Db', { engine: 'aurora-postgresql', preferredBackupWindow: '03:00-04:00' });

  expect(() => app.synth()).toThrow(/Acknowledge with/);
  const report = JSON.parse(
    readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
  ) as ValidationReportJson;
  return Object.fromEntries(
    report.pluginReports.map((p) => [
      p.pluginName,
      p.violations
        .filter((v) =>
          v.violatingConstructs.some((c) => c.constructPath.startsWith('Pipeline/Staging/Data/')),
        )
        .map((v) => v.ruleName),
    ]),
  );
}

describe('registerCompliance', () => {
  const findings = synthNested('18:00-19:00');

  it('reaches a stack inside a stage inside a stack with every pack registered on the app', () => {
    expect(findings.AwsSolutions).toContain(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    );
    expect(findings.Serverless).toContain('Serverless-LambdaDLQ');
    expect(findings['NIST.800.53.R5']).toContain('NIST.800.53.R5-LambdaInsideVPC');
    expect(findings['cdk-validator-cfnguard']).toContain('lambda_inside_vpc_check');
    expect(findings.GoalMandala).toEqual([
      'GoalMandala-SecretInTemplate[Environment.Variables.SLACK_WEBHOOK_URL]',
      'GoalMandala-RdsBackupWindow',
    ]);
  });

  it("checks backups against the app config's backupWindowUtc", () => {
    expect(synthNested('03:00-04:00').GoalMandala).toEqual([
      'GoalMandala-SecretInTemplate[Environment.Variables.SLACK_WEBHOOK_URL]',
    ]);
  });

  it("keeps aws-cdk-lib's built-in CloudFormation validation running beside the packs", () => {
    const outdir = tempDir('gm-register-');
    const app = new App({ outdir, context: cdkJsonContext });
    registerCompliance(app, { backupWindowUtc: readCdkJsonConfig().backupWindowUtc });
    const stack = new Stack(new Stage(app, 'Staging'), 'Edge');
    new s3.CfnBucket(stack, 'LegacyAclBucket', { accessControl: 'LogDeliveryWrite' });

    expect(() => app.synth()).toThrow(/Acknowledge with/);
    const report = JSON.parse(
      readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReportJson;
    const builtin = report.pluginReports.find((p) => p.pluginName === 'CloudFormation Validate');
    expect(builtin?.violations.map((v) => v.ruleName)).toContain('W3045');
  });
});
