/**
 * Staging and production side by side, as `cdk synth` builds them: real esbuild bundles and
 * aws-cdk-lib's built-in CloudFormation validation on (the other stage suites turn both off for speed).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stage } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceFunction } from '../../stages/constructs/service-function.js';
import { createTestDatabase } from '../helpers/db.js';
import { buildTestStages, resourcesOf, stacksOf, type TestStages } from '../helpers/test-app.js';
import { newestNodeRuntimeName } from './runtime-expectations.js';

let built: TestStages;

beforeAll(() => {
  built = buildTestStages({
    stages: ['staging', 'production'],
    bundle: true,
    cloudFormationValidation: true,
  });
});

/** Properties that are physical names, unique per account/region if set: where two stages could collide. */
const physicalNameProperties: Record<string, string[]> = {
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::StepFunctions::StateMachine': ['StateMachineName'],
  'AWS::CloudTrail::Trail': ['TrailName'],
  'AWS::RDS::DBCluster': ['DBClusterIdentifier'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::EC2::SecurityGroup': ['GroupName'],
  'AWS::CloudFront::Function': ['Name'],
  'AWS::CloudFront::KeyValueStore': ['Name'],
  'AWS::CloudFront::ResponseHeadersPolicy': ['ResponseHeadersPolicyConfig.Name'],
  'AWS::CloudFront::OriginAccessControl': ['OriginAccessControlConfig.Name'],
  'AWS::Budgets::Budget': ['Budget.BudgetName'],
  'AWS::CodeDeploy::Application': ['ApplicationName'],
  'AWS::CodeDeploy::DeploymentGroup': ['DeploymentGroupName'],
};

function physicalNames(stageName: 'staging' | 'production'): string[] {
  return built
    .allTemplates()
    .filter((t) => t.stageName === stageName)
    .flatMap(({ template }) =>
      Object.entries(physicalNameProperties).flatMap(([type, paths]) =>
        resourcesOf(template, type).flatMap(([, resource]) =>
          paths
            .map((path) =>
              path
                .split('.')
                .reduce<unknown>(
                  (value, key) => (value as Record<string, unknown> | undefined)?.[key],
                  resource.Properties,
                ),
            )
            .filter((name): name is string => typeof name === 'string')
            .map((name) => `${type} ${name}`),
        ),
      ),
    );
}

/** The esbuild output NodejsFunction staged for a function. */
function bundleOf(fn: ServiceFunction): string {
  const stage = fn.node.findChild('Code').node.findChild('Stage') as unknown as {
    absoluteStagedPath: string;
  };
  return join(stage.absoluteStagedPath, 'index.mjs');
}

describe('GoalMandalaStage', () => {
  it('synthesizes staging and production side by side, each into its configured account and region', () => {
    for (const stageName of ['staging', 'production'] as const) {
      const stage = built.stages[stageName]!;
      expect(stacksOf(stage).map((s) => s.node.id)).toEqual([
        'Network',
        'Data',
        'Workflow',
        'Api',
        'Edge',
        'Observability',
      ]);
      for (const stack of stacksOf(stage)) {
        expect(stack.account, stack.stackName).toBe(built.config[stageName].account);
        expect(stack.region, stack.stackName).toBe(built.config[stageName].region);
      }
    }
    expect(built.config.staging.account).not.toBe(built.config.production.account);
    const stageAssemblies = built.app.node.children.filter(Stage.isStage).map((s) => s.synth().directory);
    expect(new Set(stageAssemblies).size).toBe(2);
  });

  it('fixes no physical name that the two stages share', () => {
    const staging = physicalNames('staging');
    const production = new Set(physicalNames('production'));
    expect(staging.length).toBeGreaterThan(0);
    expect(staging.filter((name) => production.has(name))).toEqual([]);
  });

  it('keeps secrets out of every template and every function environment', () => {
    for (const { stack, template } of built.allTemplates()) {
      const text = JSON.stringify(template.toJSON());
      expect(text, stack.stackName).not.toMatch(/hooks\.slack\.com/);
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        const variables =
          (fn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
          {};
        for (const [name, value] of Object.entries(variables)) {
          const where = `${stack.stackName} ${id} ${name}`;
          expect(JSON.stringify(value), where).not.toMatch(/resolve:secretsmanager|SecretString|password/i);
          // Secrets travel by reference: only *_ARN / *_ID names may point at one.
          expect(name, where).not.toMatch(/PASSWORD|TOKEN|WEBHOOK_URL|(?<!_ARN|_ID)SECRET$|_KEY$/);
        }
      }
      // The dynamic references allowed: RDS reading its generated master password at deploy time, and
      // CloudFront's X-Origin-Verify header to the API (the whole header value, nothing else of the resource).
      const dynamicReferences = Object.entries(
        template.toJSON().Resources as Record<string, { Type: string }>,
      )
        .filter(([, resource]) => JSON.stringify(resource).includes('{{resolve:secretsmanager'))
        .map(([, resource]) => resource.Type);
      expect(
        dynamicReferences.every((type) =>
          ['AWS::RDS::DBCluster', 'AWS::CloudFront::Distribution'].includes(type),
        ),
        stack.stackName,
      ).toBe(true);
      for (const [, distribution] of resourcesOf(template, 'AWS::CloudFront::Distribution')) {
        const references =
          JSON.stringify(distribution).match(/"[^"]*\{\{resolve:secretsmanager[^"]*"/g) ?? [];
        const header = `"{{resolve:secretsmanager:${stack.stackName.replace(/-Edge$/, '-Api')}/OriginVerify:SecretString:::}}"`;
        expect(references, stack.stackName).toEqual([header]);
        expect(JSON.stringify(distribution)).toContain(
          `{"HeaderName":"X-Origin-Verify","HeaderValue":${header}}`,
        );
      }
      // Every secret's value is generated by Secrets Manager at deploy: none is written in a template.
      for (const [id, secret] of resourcesOf(template, 'AWS::SecretsManager::Secret')) {
        expect(secret.Properties!.SecretString, `${stack.stackName} ${id}`).toBeUndefined();
      }
    }
  });

  it('runs every project function on the newest Node.js runtime aws-cdk-lib knows, on arm64, from a real esbuild bundle', () => {
    const functions = built.app.node
      .findAll()
      .filter((c): c is ServiceFunction => c instanceof ServiceFunction);
    expect(functions.length).toBeGreaterThanOrEqual(2 * 8);
    for (const { stack, template } of built.allTemplates()) {
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        const isProjectFunction = Boolean(
          (fn.Properties!.Environment as { Variables?: Record<string, string> } | undefined)?.Variables
            ?.POWERTOOLS_SERVICE_NAME,
        );
        if (!isProjectFunction) continue;
        expect(fn.Properties, `${stack.stackName} ${id}`).toMatchObject({
          Runtime: newestNodeRuntimeName(),
          Architectures: ['arm64'],
        });
      }
    }
    for (const fn of functions) {
      const assetPath = (
        fn.node.findChild('Code').node.findChild('Stage') as unknown as { absoluteStagedPath: string }
      ).absoluteStagedPath;
      const bundle = join(assetPath, 'index.mjs');
      expect(existsSync(bundle), fn.node.path).toBe(true);
      expect(statSync(bundle).size, fn.node.path).toBeGreaterThan(100);
    }
  });

  it('ships bundles that load in Node.js and export their handler (bundling stand-ins included)', async () => {
    for (const fn of built.stages
      .staging!.node.findAll()
      .filter((c): c is ServiceFunction => c instanceof ServiceFunction)) {
      const module = (await import(pathToFileURL(bundleOf(fn)).href)) as { handler?: unknown };
      expect(typeof module.handler, fn.node.path).toBe('function');
    }
  });

  it('migrates a fresh database with the bundled migration function, as the deploy-time trigger does', async () => {
    const migrateFunction = built.stages.staging!.api.migrateFunction as ServiceFunction;
    const db = await createTestDatabase({ migrated: false });
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        DATABASE_URL: db.ownerUrl,
        DB_POOL_MAX: String(Math.min(2, db.maxConnections)),
      });
      const { handler } = (await import(pathToFileURL(bundleOf(migrateFunction)).href)) as {
        handler: () => Promise<{ applied: string[] }>;
      };
      const first = await handler();
      expect(first.applied.length).toBeGreaterThan(0);
      expect(await handler()).toEqual({ applied: [] });
    } finally {
      process.env = saved;
      await db.close();
    }
  });

  it('lets production’s auth function send reset mail with its configured SES configuration set', () => {
    const production = built.stages.production!;
    const mail = built.config.production.passwordResetMail;
    expect(mail.configurationSet).toBeDefined();
    const template = built.template(production.api);
    const sends = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
      (
        policy.Properties!.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement.filter((statement) => statement.Action === 'ses:SendEmail'),
    );
    expect(sends).toHaveLength(1);
    const resources = JSON.stringify(sends[0]!.Resource);
    expect(resources).toContain(`:identity/${mail.senderIdentity}`);
    expect(resources).toContain(`:configuration-set/${mail.configurationSet}`);
    const auth = production.api.functions.find((f) => f.name === 'auth')!.function;
    const variables = template.toJSON().Resources[
      production.api.getLogicalId((auth as unknown as { node: { defaultChild: never } }).node.defaultChild)
    ].Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.SES_CONFIGURATION_SET).toBe(mail.configurationSet);
  });

  it('outputs the API and site URLs for the post-deploy steps', () => {
    for (const stage of [built.stages.staging!, built.stages.production!]) {
      expect(Object.keys(built.template(stage.api).findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
      expect(Object.keys(built.template(stage.edge).findOutputs('SiteUrl'))).toEqual(['SiteUrl']);
      expect(stage.apiUrl.node.id).toBe('ApiUrl');
      expect(stage.siteUrl.node.id).toBe('SiteUrl');
    }
  });
});
