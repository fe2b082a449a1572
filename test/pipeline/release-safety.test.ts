/**
 * Issue 13 on the real delivery pipeline: staging's acceptance test (place and inputs), production's
 * bake (stage conditions on the CfnPipeline, alarms in the toolchain account on exactly production's
 * metrics), the site canary and its alarm (production only), the metrics sharing role, and Slack.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPipelineApp, cdkJsonContext, type PipelineApp } from './pipeline-app.js';

interface Action {
  Name: string;
  RunOrder: number;
  Configuration?: Record<string, unknown>;
}
interface PipelineStage {
  Name: string;
  Actions: Action[];
  OnSuccess?: { Conditions: { Result: string; Rules: Rule[] }[] };
  OnFailure?: { Result: string };
}
interface Rule {
  Name: string;
  RuleTypeId: Record<string, string>;
  Configuration: { AlarmName: { Ref: string }; AlarmStates: string; WaitTime: string };
}
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any

const config = cdkJsonContext().goalMandala as {
  toolchain: { account: string };
  production: { account: string; region: string; bakeMinutes: number };
};

let app: PipelineApp;
let stages: PipelineStage[];
let toolchain: Resources;
const stage = (name: string) => stages.find((s) => s.Name === name)!;

/** Resources of one stack of a deployed stage (`Production`, `Observability`). */
function stageStack(stageName: string, stackName: string): Resources {
  const assembly = app.assembly.getNestedAssembly(`assembly-GoalMandalaPipeline-${stageName}`);
  const stack = assembly.stacks.find((s) => s.stackName === `${stageName}-${stackName}`)!;
  return (stack.template as { Resources: Resources }).Resources;
}
const ofType = (resources: Resources, type: string) =>
  Object.values(resources).filter((r) => r.Type === type);

beforeAll(() => {
  app = buildPipelineApp();
  toolchain = app.template.toJSON().Resources as Resources;
  const pipeline = ofType(toolchain, 'AWS::CodePipeline::Pipeline')[0]!;
  stages = pipeline.Properties.Stages as PipelineStage[];
});

describe('staging acceptance test', () => {
  it('runs last in staging, after the health check and the site smoke test, before the production approval', () => {
    const actions = stage('Staging').Actions;
    const runOrder = (name: string) => actions.find((action) => action.Name === name)!.RunOrder;
    expect(runOrder('AcceptanceTest')).toBeGreaterThan(runOrder('SiteSmokeTest'));
    expect(runOrder('SiteSmokeTest')).toBeGreaterThan(runOrder('HealthCheck'));
    expect(Math.max(...actions.map((action) => action.RunOrder))).toBe(runOrder('AcceptanceTest'));
    // It runs in staging only: production's data is not for throw-away accounts.
    expect(stage('Production').Actions.some((action) => action.Name === 'AcceptanceTest')).toBe(false);
    expect(stages.findIndex((s) => s.Name === 'Staging')).toBeLessThan(
      stages.findIndex((s) => s.Name === 'Production'),
    );
  });

  it('runs the journey script on the site the stage outputs (its /api, as the browser calls it)', () => {
    const action = stage('Staging').Actions.find((a) => a.Name === 'AcceptanceTest')!;
    const variables = JSON.parse(action.Configuration!.EnvironmentVariables as string) as {
      name: string;
      value: string;
    }[];
    expect(variables).toEqual([
      expect.objectContaining({ name: 'SITE_URL', value: expect.stringMatching(/^#\{.*\.SiteUrl\}$/) }),
    ]);
    const project = toolchain[(action.Configuration!.ProjectName as { Ref: string }).Ref]!;
    const buildSpec = JSON.stringify(project.Properties.Source.BuildSpec);
    expect(buildSpec).toContain('node pipeline/scripts/acceptance-journey.mjs');
    expect(buildSpec).toContain('${SITE_URL%/}/api');
  });
});

describe('production bake', () => {
  it('rolls production back by itself when a bake alarm fires within bakeMinutes, or when a step fails', () => {
    const { OnSuccess, OnFailure } = stage('Production');
    expect(OnFailure).toEqual({ Result: 'ROLLBACK' });
    expect(OnSuccess!.Conditions).toHaveLength(1);
    const [condition] = OnSuccess!.Conditions;
    expect(condition!.Result).toBe('ROLLBACK');
    expect(condition!.Rules.map((rule) => rule.Name)).toEqual([
      'Bake-api-5xx',
      'Bake-api-faults',
      'Bake-workflow-failures',
      'Bake-site-canary',
    ]);
    for (const rule of condition!.Rules) {
      expect(rule.RuleTypeId).toEqual({
        Category: 'Rule',
        Owner: 'AWS',
        Provider: 'CloudWatchAlarm',
        Version: '1',
      });
      expect(rule.Configuration).toMatchObject({
        AlarmStates: 'ALARM',
        WaitTime: String(config.production.bakeMinutes),
      });
      expect(toolchain[rule.Configuration.AlarmName.Ref]!.Type).toBe('AWS::CloudWatch::Alarm');
    }
    expect(stage('Staging').OnSuccess).toBeUndefined();
  });

  it('watches production’s own metrics from the toolchain account: API 5xx, every API function’s faults, workflow, canary', () => {
    const [rules] = stage('Production').OnSuccess!.Conditions.map((c) => c.Rules);
    const alarm = (name: string) =>
      toolchain[rules!.find((r) => r.Name === name)!.Configuration.AlarmName.Ref]!.Properties;
    const metrics = (name: string) =>
      (
        alarm(name).Metrics as {
          AccountId?: string;
          MetricStat?: {
            Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
          };
        }[]
      )
        .filter((m) => m.MetricStat)
        .map((m) => ({ account: m.AccountId, ...m.MetricStat!.Metric }));
    for (const rule of rules!) {
      for (const metric of metrics(rule.Name))
        expect(metric.account, rule.Name).toBe(config.production.account);
    }
    const api = stageStack('Production', 'Api');
    const restApiName = ofType(api, 'AWS::ApiGateway::RestApi')[0]!.Properties.Name;
    expect(metrics('Bake-api-5xx')).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [{ Name: 'ApiName', Value: restApiName }],
      }),
    ]);
    // One ServerFault per API function: the services behind API Gateway in production.
    const apiServices = ofType(api, 'AWS::Lambda::Function')
      .map((fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME as string | undefined)
      .filter((name): name is string => name !== undefined && name !== 'migrate');
    expect(
      metrics('Bake-api-faults')
        .map((m) => m.Dimensions[0]!.Value)
        .sort(),
    ).toEqual(apiServices.sort());
    expect(
      metrics('Bake-api-faults').every(
        (m) => m.Namespace === 'GoalMandala' && m.MetricName === 'ServerFault',
      ),
    ).toBe(true);
    // The state machine's ARN, spelled out from its fixed name.
    const machineName = ofType(stageStack('Production', 'Workflow'), 'AWS::StepFunctions::StateMachine')[0]!
      .Properties.StateMachineName;
    const arn = `arn:aws:states:${config.production.region}:${config.production.account}:stateMachine:${machineName}`;
    expect(metrics('Bake-workflow-failures').map((m) => [m.MetricName, m.Dimensions])).toEqual(
      ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map((name) => [
        name,
        [{ Name: 'StateMachineArn', Value: arn }],
      ]),
    );
    const canary = ofType(stageStack('Production', 'Observability'), 'AWS::Synthetics::Canary')[0]!;
    expect(metrics('Bake-site-canary')).toEqual([
      expect.objectContaining({
        Namespace: 'CloudWatchSynthetics',
        MetricName: 'SuccessPercent',
        Dimensions: [{ Name: 'CanaryName', Value: canary.Properties.Name }],
      }),
    ]);
  });

  it('lets the toolchain account read production’s metrics (and only production’s)', () => {
    const [role] = ofType(stageStack('Production', 'Observability'), 'AWS::IAM::Role').filter(
      (r) => r.Properties.RoleName === 'CloudWatch-CrossAccountSharingRole',
    );
    expect(JSON.stringify(role!.Properties.AssumeRolePolicyDocument)).toContain(
      `:iam::${config.toolchain.account}:root`,
    );
    expect(
      ofType(stageStack('Staging', 'Observability'), 'AWS::IAM::Role').some(
        (r) => r.Properties.RoleName === 'CloudWatch-CrossAccountSharingRole',
      ),
    ).toBe(false);
  });

  it('tells Slack when the bake passed (stage succeeded) and why it rolled back (the bake alarms)', () => {
    const [rule] = ofType(toolchain, 'AWS::CodeStarNotifications::NotificationRule');
    expect(rule!.Properties.EventTypeIds).toEqual(
      expect.arrayContaining([
        'codepipeline-pipeline-stage-execution-succeeded',
        'codepipeline-pipeline-pipeline-execution-started',
      ]),
    );
    app.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BAKED_STAGE: 'Production',
          BAKE_MINUTES: String(config.production.bakeMinutes),
        }),
      },
    });
    const topicId = Object.entries(toolchain).find(([, r]) => r.Type === 'AWS::SNS::Topic')![0];
    const [rules] = stage('Production').OnSuccess!.Conditions.map((c) => c.Rules);
    for (const rule of rules!) {
      const properties = toolchain[rule.Configuration.AlarmName.Ref]!.Properties;
      expect(properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(properties.AlarmName).toMatch(/^goal-mandala-production-bake-/);
    }
  });
});

describe('site canary', () => {
  it('loads the site and /api/health every 5 minutes in production, with an alarm into the alert topic', () => {
    const observability = stageStack('Production', 'Observability');
    const [canary] = ofType(observability, 'AWS::Synthetics::Canary');
    expect(canary!.Properties).toMatchObject({
      Schedule: { Expression: 'rate(5 minutes)' },
      StartCanaryAfterCreation: true,
      RunConfig: { EnvironmentVariables: { SITE_URL: expect.anything() } },
      Code: { Handler: 'index.handler' },
    });
    expect(canary!.Properties.RuntimeVersion).toMatch(/^syn-nodejs-/);
    const [topicId] = Object.entries(observability).find(([, r]) => r.Type === 'AWS::SNS::Topic')!;
    const alarms = ofType(observability, 'AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties.MetricName === 'SuccessPercent',
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({
      Namespace: 'CloudWatchSynthetics',
      Dimensions: [{ Name: 'CanaryName', Value: canary!.Properties.Name }],
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 100,
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('is not on staging (its database pauses when idle)', () => {
    expect(ofType(stageStack('Staging', 'Observability'), 'AWS::Synthetics::Canary')).toEqual([]);
  });
});
