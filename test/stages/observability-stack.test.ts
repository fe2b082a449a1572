import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceFunction } from '../../stages/constructs/service-function.js';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';
import { newestNodeRuntimeName } from './runtime-expectations.js';

let built: TestStages;
let template: ReturnType<TestStages['template']>;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
let topicId: string;

const logicalId = (fn: lambda.Function) => Stack.of(fn).getLogicalId(fn.node.defaultChild as never);
/** How the observability template refers to a function of the stage (an import, or a local Ref). */
const referencesTo = (fn: lambda.Function) => new RegExp(`(Ref|GetAtt)${logicalId(fn)}|"${logicalId(fn)}"`);

beforeAll(() => {
  built = buildTestStages();
  template = built.template(built.staging.observability);
  resources = template.toJSON().Resources;
  [topicId] = resourcesOf(template, 'AWS::SNS::Topic')[0]!;
});

describe('ObservabilityStack alarms', () => {
  const alarms = () =>
    resourcesOf(template, 'AWS::CloudWatch::Alarm').map(
      ([id, a]) => ({ id, ...a.Properties }) as Record<string, unknown> & { id: string },
    );

  it('has an error alarm for every project function of the stage, the Slack notifier included', () => {
    const functions = built.staging.node
      .findAll()
      .filter((c): c is ServiceFunction => c instanceof ServiceFunction);
    expect(functions.map((f) => f.serviceName)).toEqual(
      expect.arrayContaining([
        'health',
        'auth',
        'goals',
        'tasks',
        'reflections',
        'ai',
        'migrate',
        'notifier',
      ]),
    );
    const errorAlarms = alarms().filter((a) => a.MetricName === 'Errors' && a.Namespace === 'AWS/Lambda');
    expect(errorAlarms).toHaveLength(functions.length);
    for (const fn of functions) {
      const watching = errorAlarms.filter((a) => referencesTo(fn).test(JSON.stringify(a.Dimensions)));
      expect(watching, fn.node.path).toHaveLength(1);
      expect(watching[0], fn.node.path).toMatchObject({
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it('alarms on the API 5xx rate, database connections and workflow failures', () => {
    expect(alarms()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Namespace: 'AWS/ApiGateway',
          MetricName: '5XXError',
          Statistic: 'Average',
          Threshold: 0.05,
        }),
        expect.objectContaining({
          Namespace: 'AWS/RDS',
          MetricName: 'DatabaseConnections',
          Statistic: 'Maximum',
          Threshold: 45,
        }),
      ]),
    );
    const workflow = alarms().find((a) => a.AlarmName === 'goal-mandala-staging-workflow-failures')!;
    const metricNames = (
      workflow.Metrics as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[]
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(metricNames.map((m) => m.MetricName).sort()).toEqual([
      'ExecutionsAborted',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
    ]);
    expect(new Set(metricNames.map((m) => m.Namespace))).toEqual(new Set(['AWS/States']));
  });

  it('sends every alarm (and its recovery) to the alarm topic, under a name derived from the stage', () => {
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.id).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, alarm.id).toEqual([{ Ref: topicId }]);
      expect(alarm.AlarmName, alarm.id).toMatch(/^goal-mandala-staging-/);
    }
  });
});

describe('ObservabilityStack notifications', () => {
  it('encrypts the alarm topic with a rotating customer key CloudWatch may use', () => {
    const keyId = (resources[topicId]!.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const key = resources[keyId]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = (key.Properties.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
        }),
      ]),
    );
  });

  it('delivers alarms to the alert e-mail and the Slack notifier', () => {
    const subscriptions = resourcesOf(template, 'AWS::SNS::Subscription').map(([, s]) => s.Properties);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        { Protocol: 'email', Endpoint: built.config.staging.alertEmail, TopicArn: { Ref: topicId } },
        {
          Protocol: 'lambda',
          Endpoint: { 'Fn::GetAtt': [logicalId(built.staging.observability.slackNotifier), 'Arn'] },
          TopicArn: { Ref: topicId },
        },
      ]),
    );
  });

  it('gives the notifier the webhook secret’s ARN (by the configured name) and read access to it, never the URL', () => {
    const notifier = resources[logicalId(built.staging.observability.slackNotifier)]!.Properties;
    expect(notifier).toMatchObject({ Runtime: newestNodeRuntimeName(), Architectures: ['arm64'] });
    const secretId = (notifier.Environment as { Variables: Record<string, unknown> }).Variables
      .SLACK_WEBHOOK_SECRET_ID;
    const arn = JSON.stringify(secretId);
    expect(arn).toContain(`:secret:${built.config.slackWebhookSecretName}`);
    expect(arn).not.toMatch(/resolve:secretsmanager|hooks\.slack\.com/);
    const policies = resourcesOf(template, 'AWS::IAM::Policy').map(([, p]) => JSON.stringify(p.Properties));
    expect(
      policies.some(
        (p) =>
          p.includes('secretsmanager:GetSecretValue') &&
          p.includes(`:secret:${built.config.slackWebhookSecretName}-??????`),
      ),
    ).toBe(true);
  });
});

describe('ObservabilityStack dashboard', () => {
  it('charts API requests/4xx/5xx/latency, every function’s invocations/errors/duration, the database and the workflow', () => {
    const [dashboard] = resourcesOf(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboard![1].Properties!.DashboardName).toBe('goal-mandala-staging');
    // The body is a Fn::Join of JSON text and references; keep the text, mark the references.
    const parts = (dashboard![1].Properties!.DashboardBody as { 'Fn::Join': [string, unknown[]] })[
      'Fn::Join'
    ][1];
    const body = parts
      .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part)}>`))
      .join('');
    for (const metric of [
      '"Count"',
      '4XXError',
      '5XXError',
      '"Latency"',
      'DatabaseConnections',
      'ServerlessDatabaseCapacity',
      'ExecutionsStarted',
      'ExecutionsSucceeded',
      'ExecutionsFailed',
    ]) {
      expect(body, metric).toContain(metric);
    }
    const functions = built.staging.node
      .findAll()
      .filter((c): c is ServiceFunction => c instanceof ServiceFunction);
    for (const metric of ['Invocations', 'Errors', 'Duration']) {
      const mentions = body.split(`["AWS/Lambda","${metric}"`).length - 1;
      expect(mentions, metric).toBe(functions.length);
    }
    for (const fn of functions) expect(body, fn.node.path).toMatch(referencesTo(fn));
  });
});

describe('ObservabilityStack audit and cost', () => {
  it('keeps a CloudTrail trail as designed in its own encrypted, private bucket', () => {
    const [, trail] = resourcesOf(template, 'AWS::CloudTrail::Trail')[0]!;
    expect(trail.Properties).toMatchObject({
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: expect.anything(),
    });
    const bucketId = (trail.Properties!.S3BucketName as { Ref: string }).Ref;
    expect(resources[bucketId]).toMatchObject({
      Type: 'AWS::S3::Bucket',
      Properties: expect.objectContaining({
        BucketEncryption: { ServerSideEncryptionConfiguration: [expect.anything()] },
        PublicAccessBlockConfiguration: expect.objectContaining({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      }),
    });
    // The design keeps 90 days; audit retention may be longer, never shorter.
    const [rule] = (
      resources[bucketId]!.Properties.LifecycleConfiguration as { Rules: { ExpirationInDays: number }[] }
    ).Rules;
    expect(rule!.ExpirationInDays).toBeGreaterThanOrEqual(90);
  });

  it('scopes data events to this stage’s functions and writes to the site bucket, not the whole account', () => {
    const [, trail] = resourcesOf(template, 'AWS::CloudTrail::Trail')[0]!;
    const selectors = trail.Properties!.EventSelectors as {
      DataResources: { Type: string; Values: unknown[] }[];
      ReadWriteType?: string;
    }[];
    const lambdaValues = selectors
      .flatMap((s) => s.DataResources)
      .filter((d) => d.Type === 'AWS::Lambda::Function')
      .flatMap((d) => d.Values);
    const functions = built.staging.node
      .findAll()
      .filter((c): c is ServiceFunction => c instanceof ServiceFunction);
    expect(lambdaValues).toHaveLength(functions.length);
    const s3 = selectors.find((s) => s.DataResources.some((d) => d.Type === 'AWS::S3::Object'))!;
    expect(s3.ReadWriteType).toBe('WriteOnly');
    const s3Values = JSON.stringify(s3.DataResources[0]!.Values);
    expect(s3Values).toMatch(/SiteS3Bucket/);
    expect(JSON.stringify(selectors)).not.toMatch(/"arn:aws:s3:::"|"arn:aws:s3"|"arn:aws:lambda"/);
  });

  it('sets a monthly cost budget from configuration that e-mails the alert address at 80% of actual spend', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: built.config.staging.monthlyBudgetUsd, Unit: 'USD' },
      },
      NotificationsWithSubscribers: [
        {
          Notification: {
            NotificationType: 'ACTUAL',
            ComparisonOperator: 'GREATER_THAN',
            Threshold: 80,
            ThresholdType: 'PERCENTAGE',
          },
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: built.config.staging.alertEmail }],
        },
      ],
    });
  });
});
