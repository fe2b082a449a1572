import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, SecretValue, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as rds from 'aws-cdk-lib/aws-rds';
import { describe, expect, it } from 'vitest';
import { acknowledge } from '../../compliance/acknowledge.js';
import { GoalMandalaChecks } from '../../compliance/goal-mandala-checks.js';
import type { ValidationReportJson } from '../../compliance/report/findings.js';
import { inlineFunction, synthesized } from './rules/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

/** One of each mistake the pack exists to catch, in one stack. */
function mistakes(scope: Stack) {
  const fn = inlineFunction(scope, 'Notifier', {
    SLACK_WEBHOOK_URL: SecretValue.secretsManager('goal-mandala/slack-webhook-url').unsafeUnwrap(),
  });
  const api = new apigateway.RestApi(scope, 'Api', {
    defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS },
    deployOptions: { dataTraceEnabled: true, loggingLevel: apigateway.MethodLoggingLevel.INFO },
  });
  api.root.addMethod('GET', new apigateway.MockIntegration());
  const db = new rds.CfnDBCluster(scope, 'Db', {
    engine: 'aurora-postgresql',
    preferredBackupWindow: '03:00-04:00',
  });
  return { fn, api, db };
}

describe('GoalMandalaChecks', () => {
  it('reports each mistake under its own rule id', () => {
    const stack = new Stack(new App(), 'Design');
    mistakes(stack);

    const report = new GoalMandalaChecks(undefined, { backupWindowUtc: '18:00-19:00' }).validateScope(
      synthesized(stack),
    );

    expect(report.success).toBe(false);
    expect(
      Object.fromEntries(
        report.violations.map((v) => [v.ruleName, v.violatingResources.map((r) => r.constructPath)]),
      ),
    ).toEqual({
      'GoalMandala-SecretInTemplate[Environment.Variables.SLACK_WEBHOOK_URL]': ['Design/Notifier/Resource'],
      'GoalMandala-ApiCorsAnyOrigin': ['Design/Api/Default/OPTIONS/Resource'],
      'GoalMandala-ApiDataTrace': ['Design/Api/DeploymentStage.prod/Resource'],
      'GoalMandala-RdsBackupWindow': ['Design/Db'],
    });
  });

  it('fails synth of an app on a finding, and an acknowledgement moves exactly that finding to the report with its reason', () => {
    const outdir = tempDir('gm-checks-');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    Validations.of(app).addPlugins(new GoalMandalaChecks(app, { backupWindowUtc: '18:00-19:00' }));
    const stack = new Stack(new Stage(app, 'Staging'), 'Data');
    const { db } = mistakes(stack);
    acknowledge(db, {
      pack: 'GoalMandala',
      rule: 'GoalMandala-RdsBackupWindow',
      reason: 'Test: this cluster is a fixture for the acknowledgement mechanism.',
    });

    expect(() => app.synth()).toThrow(/Acknowledge with 'GoalMandala::GoalMandala-ApiDataTrace'/);

    const report = JSON.parse(
      readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReportJson;
    const plugin = report.pluginReports.find((p) => p.pluginName === 'GoalMandala')!;
    expect(plugin.violations.map((v) => v.ruleName).sort()).toEqual([
      'GoalMandala-ApiCorsAnyOrigin',
      'GoalMandala-ApiDataTrace',
      'GoalMandala-SecretInTemplate[Environment.Variables.SLACK_WEBHOOK_URL]',
    ]);
    expect(plugin.suppressedViolations).toEqual([
      expect.objectContaining({
        ruleName: 'GoalMandala-RdsBackupWindow',
        reason: 'Test: this cluster is a fixture for the acknowledgement mechanism.',
        acknowledgedAt: 'Staging/Data/Db',
      }),
    ]);
  });
});

describe('acknowledge', () => {
  it('refuses a stack-wide acknowledgement and a reason a reviewer could not check', () => {
    const stack = new Stack(new App(), 'Data');
    const db = new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql' });
    expect(() =>
      acknowledge(stack, { pack: 'AwsSolutions', rule: 'AwsSolutions-RDS10', reason: 'x'.repeat(40) }),
    ).toThrow(
      'compliance: AwsSolutions-RDS10 must be acknowledged on the construct it concerns, not on Data',
    );
    expect(() =>
      acknowledge(db, { pack: 'AwsSolutions', rule: 'AwsSolutions-RDS10', reason: 'not needed' }),
    ).toThrow('compliance: the reason for AwsSolutions-RDS10 at Data/Db is shorter than 20 characters');
  });
});
