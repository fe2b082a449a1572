import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceRoutes } from '../../services/api/routes.js';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';
import { newestNodeRuntimeName } from './runtime-expectations.js';

let built: TestStages;
let template: ReturnType<TestStages['template']>;
let api: TestStages['staging']['api'];
const logicalId = (construct: { node: { defaultChild?: unknown } } | lambda.IFunction) =>
  Stack.of(construct as lambda.Function).getLogicalId(
    ((construct as lambda.Function).node.defaultChild ?? construct) as never,
  );

/** The statements of every policy attached to the function's role, in the API stack's template. */
function statementsOf(fn: lambda.IFunction): { Action: string | string[]; Resource: unknown }[] {
  const roleId = logicalId((fn as lambda.Function).role as never);
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties!.Roles).includes(roleId))
    .flatMap(
      ([, p]) =>
        (p.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement,
    );
}

beforeAll(() => {
  built = buildTestStages();
  api = built.staging.api;
  template = built.template(api);
});

describe('ApiStack functions', () => {
  it('builds health, migrate and one function per service, each on the newest Node.js runtime, arm64, 512 MB, X-Ray, in the VPC', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function').filter(
      ([, fn]) =>
        (fn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.POWERTOOLS_SERVICE_NAME,
    );
    const services = functions.map(
      ([, fn]) =>
        (fn.Properties!.Environment as { Variables: Record<string, string> }).Variables
          .POWERTOOLS_SERVICE_NAME,
    );
    expect(services.sort()).toEqual(['health', 'migrate', ...serviceRoutes.map((r) => r.service)].sort());
    for (const [id, fn] of functions) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: newestNodeRuntimeName(),
        Architectures: ['arm64'],
        MemorySize: 512,
        TracingConfig: { Mode: 'Active' },
        VpcConfig: { SecurityGroupIds: [expect.anything()], SubnetIds: expect.any(Array) },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      expect(fn.Properties!.Timeout, id).toBe(id.startsWith('Migrate') ? 300 : 30);
    }
  });

  it('keeps every function log group one month', () => {
    for (const fn of [...api.functions.map((f) => f.function), api.migrateFunction]) {
      const logGroupRef = (
        template.toJSON().Resources[logicalId(fn)].Properties.LoggingConfig.LogGroup as { Ref: string }
      ).Ref;
      expect(template.toJSON().Resources[logGroupRef].Properties.RetentionInDays).toBe(30);
    }
  });

  it('passes secrets by ARN (references, never values) and the state machine only to the AI function', () => {
    for (const { name, function: fn } of api.functions) {
      const variables = template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables as Record<
        string,
        unknown
      >;
      expect(variables.DB_SECRET_ARN, name).toEqual({
        'Fn::ImportValue': expect.stringMatching(/DatabaseSecret/),
      });
      expect(variables.APP_VERSION, name).toBe('test0000');
      if (name !== 'health') {
        expect(variables.JWT_SECRET_ARN, name).toEqual({ Ref: expect.stringMatching(/^JwtSigningSecret/) });
      }
      expect('STATE_MACHINE_ARN' in variables, name).toBe(name === 'ai');
    }
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('lets each function read exactly the secrets it is given, and only the AI function start the workflow', () => {
    for (const { name, function: fn } of api.functions) {
      const statements = statementsOf(fn);
      const secretReads = statements.filter((s) =>
        [s.Action].flat().includes('secretsmanager:GetSecretValue'),
      );
      expect(secretReads.length, name).toBeGreaterThan(0);
      for (const statement of secretReads) expect(JSON.stringify(statement.Resource), name).not.toBe('"*"');
      const startsExecution = statements.some((s) => [s.Action].flat().includes('states:StartExecution'));
      expect(startsExecution, name).toBe(name === 'ai');
    }
  });
});

describe('ApiStack database logins', () => {
  const data = () => built.staging.data;
  const ownerId = () => logicalId(data().databaseSecret);
  const appId = () => logicalId(data().appDatabaseSecret);
  const variablesOf = (fn: lambda.IFunction) =>
    template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables as Record<string, unknown>;
  const secretsReadBy = (fn: lambda.IFunction) =>
    JSON.stringify(
      statementsOf(fn)
        .filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))
        .map((s) => s.Resource),
    );

  it('gives health and every service function the application login, never the owner', () => {
    expect(ownerId()).not.toBe(appId());
    for (const { name, function: fn } of api.functions) {
      expect(JSON.stringify(variablesOf(fn).DB_SECRET_ARN), name).toContain(appId());
      expect('DB_APP_SECRET_ARN' in variablesOf(fn), name).toBe(false);
      expect(secretsReadBy(fn), name).toContain(appId());
      expect(secretsReadBy(fn), name).not.toContain(ownerId());
    }
  });

  it('gives the owner to the migration function only, with the application login it creates and grants', () => {
    const variables = variablesOf(api.migrateFunction);
    expect(JSON.stringify(variables.DB_SECRET_ARN)).toContain(ownerId());
    expect(JSON.stringify(variables.DB_APP_SECRET_ARN)).toContain(appId());
    expect(secretsReadBy(api.migrateFunction)).toContain(ownerId());
    expect(secretsReadBy(api.migrateFunction)).toContain(appId());
  });
});

describe('ApiStack origin-verify secret', () => {
  const secretId = () => logicalId(api.originVerifySecret);
  const variablesOf = (fn: lambda.IFunction) =>
    template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables as Record<string, unknown>;

  it('is generated at deploy (64 letters and digits, no value in the template) under a name fixed by the stack', () => {
    expect(api.originVerifySecretName).toBe('Staging-Api/OriginVerify');
    const secret = template.toJSON().Resources[secretId()];
    expect(secret.Properties).toEqual({
      Name: 'Staging-Api/OriginVerify',
      Description: expect.any(String),
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('is given by ARN to the auth function only', () => {
    for (const { name, function: fn } of api.functions) {
      const variables = variablesOf(fn);
      if (name === 'auth') expect(variables.ORIGIN_VERIFY_SECRET_ARN).toEqual({ Ref: secretId() });
      else expect('ORIGIN_VERIFY_SECRET_ARN' in variables, name).toBe(false);
    }
  });

  it('may be read by the auth function only', () => {
    const readers = resourcesOf(template, 'AWS::IAM::Policy').filter(([, policy]) =>
      (
        policy.Properties!.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement.some(
        (s) =>
          [s.Action].flat().includes('secretsmanager:GetSecretValue') &&
          [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify({ Ref: secretId() })),
      ),
    );
    const auth = api.functions.find((f) => f.name === 'auth')!.function as lambda.Function;
    expect(readers.map(([, policy]) => policy.Properties!.Roles)).toEqual([
      [{ Ref: logicalId(auth.role as never) }],
    ]);
  });
});

describe('ApiStack password reset mail', () => {
  const mail = () => built.config.staging.passwordResetMail;

  it('configures only the auth function with the sender and site (plain values, not secrets)', () => {
    for (const { name, function: fn } of api.functions) {
      const variables = template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables as Record<
        string,
        unknown
      >;
      if (name === 'auth') {
        expect(variables).toMatchObject({ RESET_MAIL_SENDER: mail().sender, SITE_URL: mail().siteUrl });
        expect('SES_CONFIGURATION_SET' in variables).toBe(false); // staging's example names none
      } else {
        expect('RESET_MAIL_SENDER' in variables, name).toBe(false);
      }
    }
  });

  it('lets only the auth function call ses:SendEmail, on the sender identity, from the sender address', () => {
    const statements = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
      (
        policy.Properties!.PolicyDocument as {
          Statement: { Action: string | string[]; Resource: unknown; Condition?: unknown }[];
        }
      ).Statement.map((statement) => ({ roles: JSON.stringify(policy.Properties!.Roles), statement })),
    );
    const sends = statements.filter(({ statement }) => JSON.stringify(statement.Action).includes('ses:'));
    const authRole = logicalId(
      (api.functions.find((f) => f.name === 'auth')!.function as lambda.Function).role as never,
    );
    expect(sends).toHaveLength(1);
    expect(sends[0]!.roles).toContain(authRole);
    expect(sends[0]!.statement.Action).toBe('ses:SendEmail');
    expect(sends[0]!.statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': mail().sender } });
    const resources = [sends[0]!.statement.Resource].flat();
    expect(resources).toHaveLength(1);
    expect(JSON.stringify(resources[0])).toMatch(
      new RegExp(`:ses:.*:identity/${mail().senderIdentity.replaceAll('.', '\\.')}"`),
    );
  });
});

describe('ApiStack REST API', () => {
  it('deploys stage v1 with X-Ray, INFO execution logs, metrics, throttling and no data trace', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'INFO',
          DataTraceEnabled: false,
          MetricsEnabled: true,
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        },
      ],
    });
    const stages = resourcesOf(template, 'AWS::ApiGateway::Stage');
    expect(JSON.stringify(stages)).not.toContain('"DataTraceEnabled":true');
  });

  it('routes GET /api/health and ANY /api/<service>/{proxy+} to each function’s live alias', () => {
    const resources = Object.fromEntries(
      resourcesOf(template, 'AWS::ApiGateway::Resource').map(([id, r]) => [
        id,
        r.Properties as { PathPart: string; ParentId: unknown },
      ]),
    );
    const pathOf = (resourceId: string): string => {
      const resource = resources[resourceId]!;
      const parent = resource.ParentId as { Ref?: string };
      return `${parent.Ref && resources[parent.Ref] ? pathOf(parent.Ref) : ''}/${resource.PathPart}`;
    };
    const routes = resourcesOf(template, 'AWS::ApiGateway::Method').map(([, m]) => {
      const props = m.Properties as {
        HttpMethod: string;
        ResourceId: { Ref: string };
        Integration: { Uri: unknown };
      };
      return {
        route: `${props.HttpMethod} ${pathOf(props.ResourceId.Ref)}`,
        uri: JSON.stringify(props.Integration.Uri),
      };
    });
    expect(routes.map((r) => r.route).sort()).toEqual(
      ['GET /api/health', ...serviceRoutes.map((r) => `ANY /api/${r.service}/{proxy+}`)].sort(),
    );
    for (const { route, uri } of routes) {
      const name = route === 'GET /api/health' ? 'health' : route.split('/')[2];
      const alias = api.functions.find((f) => f.name === name)!.alias;
      expect(uri, route).toContain(logicalId(alias));
    }
  });

  it('has no CORS: no OPTIONS methods and no Access-Control-Allow-Origin anywhere (same origin through CloudFront)', () => {
    const methods = resourcesOf(template, 'AWS::ApiGateway::Method').map(
      ([, m]) => (m.Properties as { HttpMethod: string }).HttpMethod,
    );
    expect(methods).not.toContain('OPTIONS');
    expect(JSON.stringify(template.toJSON())).not.toMatch(/Access-Control-Allow-Origin/i);
  });

  it('outputs the API URL https://<api>.execute-api…/<v1 stage>/api for the health check', () => {
    const [stageId] = resourcesOf(template, 'AWS::ApiGateway::Stage')[0]!;
    const outputs = template.findOutputs('ApiUrl');
    const parts = (Object.values(outputs)[0]!.Value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(parts[0]).toBe('https://');
    expect(parts.slice(-3)).toEqual(['/', { Ref: stageId }, '/api']);
  });
});

describe('ApiStack canary deployment and migration', () => {
  it('puts every API function behind a live alias shifted by CodeDeploy canary 10% / 5 min, rolled back on that function’s error and server-fault alarms', () => {
    expect(api.functions.map((f) => f.name).sort()).toEqual(
      ['health', ...serviceRoutes.map((r) => r.service)].sort(),
    );
    const resources = template.toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    for (const { name, serviceName, function: fn, alias, errorAlarm, faultAlarm } of api.functions) {
      const aliasResource = resources[logicalId(alias)]!;
      expect(aliasResource.Properties, name).toMatchObject({
        Name: 'live',
        FunctionName: { Ref: logicalId(fn) },
      });
      const alarmId = logicalId(errorAlarm as cloudwatch.Alarm);
      expect(resources[alarmId]!.Properties, name).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: expect.arrayContaining([{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }]),
      });
      const faultAlarmId = logicalId(faultAlarm as cloudwatch.Alarm);
      // The new version's 5xx answers: the version the alias moves to, not every version's.
      expect(resources[faultAlarmId]!.Properties, name).toMatchObject({
        Namespace: 'GoalMandala',
        MetricName: 'ServerFault',
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Dimensions: [
          {
            Name: 'FunctionVersion',
            Value: (aliasResource.Properties as { FunctionVersion: unknown }).FunctionVersion,
          },
          { Name: 'service', Value: serviceName },
        ],
      });
      expect((resources[logicalId(alias)] as unknown as { DependsOn: string[] }).DependsOn, name).toContain(
        faultAlarmId,
      );
      const groupId = (
        aliasResource as unknown as {
          UpdatePolicy: { CodeDeployLambdaAliasUpdate: { DeploymentGroupName: { Ref: string } } };
        }
      ).UpdatePolicy.CodeDeployLambdaAliasUpdate.DeploymentGroupName.Ref;
      expect(resources[groupId]!.Properties, name).toMatchObject({
        DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        AlarmConfiguration: {
          Enabled: true,
          Alarms: expect.arrayContaining([{ Name: { Ref: alarmId } }, { Name: { Ref: faultAlarmId } }]),
        },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_FAILURE']),
        },
      });
    }
  });

  it('migrates the schema at deploy time, before any alias moves to new code', () => {
    const triggers = resourcesOf(template, 'Custom::Trigger');
    expect(triggers).toHaveLength(1);
    const [triggerId, trigger] = triggers[0]!;
    expect(JSON.stringify(trigger.Properties!.HandlerArn)).toContain(
      logicalId(api.migrateFunction).replace(/[0-9A-F]{8}$/, ''),
    );
    const resources = template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
    for (const { name, alias } of api.functions) {
      expect(resources[logicalId(alias)]!.DependsOn, name).toContain(triggerId);
    }
  });
});
