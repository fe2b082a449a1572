import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFIED_PIPELINE_EVENTS } from '../../pipeline/delivery-notifications.js';
import { PINNED_CDK_CLI_VERSION } from '../../pipeline/pipeline-stack.js';
import { CHANGE_REVIEW_STEP_NAME } from '../../pipeline/steps/change-review-step.js';
import {
  COMPLIANCE_RESULTS_FILE,
  SUPPLY_CHAIN_RESULTS_DIRECTORY,
  TEST_RESULTS_FILE,
} from '../../pipeline/steps/synth-step.js';
import { SUPPLY_CHAIN_RESULTS_DIRECTORY as WRITTEN_TO } from '../../compliance/supply-chain/run-supply-chain.js';
import { TEST_COMMIT, buildPipelineApp, cdkJsonContext, type PipelineApp } from './pipeline-app.js';

interface Action {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration?: Record<string, unknown>;
  RoleArn?: unknown;
}
interface PipelineStage {
  Name: string;
  Actions: Action[];
}

const config = (cdkJsonContext().goalMandala ?? {}) as {
  appName: string;
  toolchain: { account: string; region: string };
  staging: { account: string; region: string };
  production: { account: string; region: string };
  repository: { name: string; branch: string; connectionArn: string };
  slackWebhookSecretName: string;
};

let app: PipelineApp;
let pipeline: { Properties: Record<string, unknown> };
let stages: PipelineStage[];

const stageNamed = (name: string) => stages.find((stage) => stage.Name === name)!;
const isDeploy = (action: Action) => action.ActionTypeId.Provider === 'CloudFormation';
const isCodeBuild = (action: Action) => action.ActionTypeId.Provider === 'CodeBuild';

/** The CodeBuild project a pipeline action runs, by the action's name. */
function projectOf(action: Action): Record<string, unknown> {
  const ref = (action.Configuration!.ProjectName as { Ref: string }).Ref;
  return app.template.toJSON().Resources[ref].Properties;
}
/** The plain environment variables of the CodeBuild project an action runs. */
function projectEnvOf(action: Action): Record<string, string> {
  const variables = (
    projectOf(action).Environment as { EnvironmentVariables?: { Name: string; Value: string }[] }
  ).EnvironmentVariables;
  return Object.fromEntries((variables ?? []).map((variable) => [variable.Name, variable.Value]));
}
/** The project's buildspec; CloudFormation references in it (report group ARNs) become `<GetAtt:LogicalId>`. */
function buildSpecOf(action: Action): Record<string, unknown> {
  const buildSpec = (projectOf(action).Source as { BuildSpec: unknown }).BuildSpec;
  if (typeof buildSpec === 'string') return JSON.parse(buildSpec);
  const [, parts] = (buildSpec as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = parts
    .map((part) =>
      typeof part === 'string' ? part : `<GetAtt:${(part as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]}>`,
    )
    .join('');
  return JSON.parse(text);
}

/** Every IAM statement granted to the CodeBuild project an action runs. */
function statementsOf(action: Action): { Action: unknown; Resource: unknown }[] {
  const roleId = (projectOf(action).ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(app.template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}
const healthUrlParameter = `/${config.appName}/production/health-url`;
const healthUrlParameterArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ssm:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:parameter${healthUrlParameter}`,
    ],
  ],
};

beforeAll(() => {
  app = buildPipelineApp();
  const pipelines = Object.values(app.template.findResources('AWS::CodePipeline::Pipeline'));
  expect(pipelines).toHaveLength(1);
  pipeline = pipelines[0] as typeof pipeline;
  stages = pipeline.Properties.Stages as PipelineStage[];
});

describe('the delivery pipeline', () => {
  it('is a V2 pipeline with the stable name operators type', () => {
    expect(pipeline.Properties.PipelineType).toBe('V2');
    expect(pipeline.Properties.Name).toBe(`${config.appName}-delivery`);
    app.template.hasOutput('PipelineName', {});
  });

  it('does not change with the commit it builds (a push does not make the pipeline mutate itself)', () => {
    expect(JSON.stringify(app.template.toJSON())).not.toContain(TEST_COMMIT);
    // …while the stages do carry it (the API's APP_VERSION).
    const api = app.assembly
      .getNestedAssembly('assembly-GoalMandalaPipeline-Staging')
      .getStackByName('Staging-Api');
    expect(JSON.stringify(api.template)).toContain(TEST_COMMIT);
  });

  it('lives in the toolchain account and region', () => {
    expect(app.stack.account).toBe(config.toolchain.account);
    expect(app.stack.region).toBe(config.toolchain.region);
  });

  it('runs Source → Build → UpdatePipeline → Assets → Staging → Production', () => {
    expect(stages.map((stage) => stage.Name)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Staging',
      'Production',
    ]);
  });

  it('checks out the configured repository and branch through the CodeStar connection on every push', () => {
    const [checkout] = stageNamed('Source').Actions;
    expect(checkout!.Name).toBe('Checkout');
    expect(checkout!.ActionTypeId.Provider).toBe('CodeStarSourceConnection');
    expect(checkout!.Configuration).toMatchObject({
      ConnectionArn: config.repository.connectionArn,
      FullRepositoryId: config.repository.name,
      BranchName: config.repository.branch,
      DetectChanges: true,
      // A git clone, not a zip: the build's secret scan lists what git tracks.
      OutputArtifactFormat: 'CODEBUILD_CLONE_REF',
    });
  });

  it('mutates itself with the pinned CDK CLI, the same version as the aws-cdk devDependency', () => {
    const cliPackage = JSON.parse(readFileSync('node_modules/aws-cdk/package.json', 'utf8'));
    expect(PINNED_CDK_CLI_VERSION).toBe(cliPackage.version);
    const [selfMutate] = stageNamed('UpdatePipeline').Actions;
    const commands = JSON.stringify(buildSpecOf(selfMutate!));
    expect(commands).toContain(`aws-cdk@${PINNED_CDK_CLI_VERSION}`);
    expect(commands).toContain('cdk -a . deploy GoalMandalaPipeline');
  });

  it('publishes assets in one CodeBuild project per asset type, not one per asset', () => {
    const assetActions = stageNamed('Assets').Actions;
    const projects = new Set(assetActions.map((action) => JSON.stringify(action.Configuration!.ProjectName)));
    expect(projects.size).toBe(assetActions.length);
    // All stage assets here are files (esbuild bundles): a single publishing project.
    expect(assetActions).toHaveLength(1);
  });

  it('uses no privileged (Docker) CodeBuild project', () => {
    for (const project of Object.values(app.template.findResources('AWS::CodeBuild::Project'))) {
      expect(project.Properties.Environment.PrivilegedMode).toBe(false);
    }
  });
});

describe('the synth step', () => {
  let synth: Action;
  let buildSpec: Record<string, unknown>;
  beforeAll(() => {
    synth = stageNamed('Build').Actions[0]!;
    buildSpec = buildSpecOf(synth);
  });

  it('installs from the lock file, then runs the build through the pipeline:build npm script', () => {
    const build = (buildSpec.phases as { build: { commands: string[] } }).build.commands;
    expect(build).toEqual(['npm ci --no-audit --no-fund', 'npm run pipeline:build']);
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    expect(scripts['pipeline:build']).toBe('bash pipeline/scripts/pipeline-build.sh');
    expect(scripts.compliance).toBeDefined();
    const pipelineBuild = readFileSync('pipeline/scripts/pipeline-build.sh', 'utf8');
    for (const command of ['npm run lint', 'npm run typecheck', 'CI=true npm test', 'npm run compliance']) {
      expect(pipelineBuild).toContain(command);
    }
  });

  it('runs the supply-chain checks after the compliance gate, requiring the audit, and keeps the SBOM in its output', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    expect(scripts['supply-chain']).toBe('tsx bin/supply-chain.ts');
    const lines = readFileSync('pipeline/scripts/pipeline-build.sh', 'utf8').split('\n');
    const at = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix));
    expect(at('npm run supply-chain -- --require-audit')).toBeGreaterThan(at('npm run compliance'));
    // cdk.out is the step's primary output: the artifact the pipeline keeps.
    expect(at('cp sbom.cdx.json cdk.out/')).toBeGreaterThan(at('npm run supply-chain'));
    expect((buildSpec.artifacts as { 'base-directory': string })['base-directory']).toBe('cdk.out');
  });

  it('publishes the test results, the compliance report and the supply-chain checks as CodeBuild report groups', () => {
    const reportGroups = app.template.findResources('AWS::CodeBuild::ReportGroup');
    expect(Object.keys(reportGroups)).toHaveLength(3);
    const group = (name: string) => Object.keys(reportGroups).find((id) => id.includes(name))!;
    expect(buildSpec.reports).toEqual({
      [`<GetAtt:${group('TestReports')}>`]: { files: [TEST_RESULTS_FILE], 'file-format': 'JUNITXML' },
      [`<GetAtt:${group('ComplianceReports')}>`]: {
        files: [COMPLIANCE_RESULTS_FILE],
        'file-format': 'JUNITXML',
      },
      [`<GetAtt:${group('SupplyChainReports')}>`]: {
        files: ['*.xml'],
        'base-directory': SUPPLY_CHAIN_RESULTS_DIRECTORY,
        'file-format': 'JUNITXML',
      },
    });
    // The directory npm run supply-chain writes its sbom.xml, audit.xml and secret-scan.xml into.
    expect(SUPPLY_CHAIN_RESULTS_DIRECTORY).toBe(WRITTEN_TO);
    // The synth role may write reports into exactly those groups.
    app.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['codebuild:BatchPutTestCases', 'codebuild:CreateReport', 'codebuild:UpdateReport'],
            Resource: Object.keys(reportGroups)
              .sort()
              .map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
          }),
        ]),
      },
    });
  });

  it('runs the migrations check on the embedded PostgreSQL, against what Production serves when the pipeline says where', () => {
    const lines = readFileSync('pipeline/scripts/pipeline-build.sh', 'utf8').split('\n');
    const check = lines.find((line) => line.startsWith('npm run migrations:check'));
    expect(check).toBe(
      'npm run migrations:check -- --database pglite ${PRODUCTION_HEALTH_URL_PARAMETER:+--base production}',
    );
    expect(projectEnvOf(synth).PRODUCTION_HEALTH_URL_PARAMETER).toBe(healthUrlParameter);
    // It may read that parameter, and no other.
    const ssm = statementsOf(synth).filter((statement) => JSON.stringify(statement.Action).includes('ssm:'));
    expect(ssm).toEqual([
      expect.objectContaining({ Action: 'ssm:GetParameter', Resource: healthUrlParameterArn }),
    ]);
  });

  it('needs no AWS lookups: it may assume no other role', () => {
    const synthProject = projectOf(synth);
    const roleId = (synthProject.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = Object.values(app.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown }[]);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((statement) => JSON.stringify(statement.Action).includes('sts:'))).toEqual([]);
  });

  it('builds on Node.js 20 like the developers do', () => {
    const install = (buildSpec.phases as { install: Record<string, unknown> }).install;
    expect(install['runtime-versions']).toEqual({ nodejs: '20' });
  });
});

describe('stages', () => {
  for (const [stageName, key] of [
    ['Staging', 'staging'],
    ['Production', 'production'],
  ] as const) {
    it(`${stageName}: runs the health check after every deploy action, then the site smoke test`, () => {
      const actions = stageNamed(stageName).Actions;
      const lastDeploy = Math.max(...actions.filter(isDeploy).map((action) => action.RunOrder));
      const health = actions.find((action) => action.Name === 'HealthCheck')!;
      const smoke = actions.find((action) => action.Name === 'SiteSmokeTest')!;
      expect(actions.filter(isDeploy)).toHaveLength(12); // six stacks: prepare + execute
      expect(health.RunOrder).toBeGreaterThan(lastDeploy);
      expect(smoke.RunOrder).toBeGreaterThan(health.RunOrder);
    });

    it(`${stageName}: releases the frontend (blue/green) after the health check, then smoke-tests the site`, () => {
      const actions = stageNamed(stageName).Actions;
      // The site has no active frontend release until the first switch: its smoke test comes last.
      const order = [
        'HealthCheck',
        'FrontendPublishCandidate',
        'FrontendSmokeTestCandidate',
        'FrontendSwitchActive',
        'SiteSmokeTest',
        // Staging then runs the product's journey (test/pipeline/release-safety.test.ts).
        ...(stageName === 'Staging' ? ['AcceptanceTest'] : []),
      ];
      const runOrders = order.map((name) => actions.find((action) => action.Name === name)!.RunOrder);
      for (let i = 1; i < runOrders.length; i++) expect(runOrders[i]).toBeGreaterThan(runOrders[i - 1]!);
      expect(Math.max(...actions.map((action) => action.RunOrder))).toBe(runOrders.at(-1));
    });

    it(`${stageName}: the health check reads the stage's ApiUrl output and expects the commit being built`, () => {
      const health = stageNamed(stageName).Actions.find((action) => action.Name === 'HealthCheck')!;
      const variables = JSON.parse(health.Configuration!.EnvironmentVariables as string) as {
        name: string;
        value: string;
      }[];
      const byName = Object.fromEntries(variables.map((variable) => [variable.name, variable.value]));
      expect(byName.API_URL).toMatch(/^#\{.*\.ApiUrl\}$/);
      expect(byName.EXPECTED_VERSION).toMatch(/^#\{.*\.CommitId\}$/);
      expect(JSON.stringify(buildSpecOf(health))).toContain('node pipeline/scripts/health-check.mjs');
      const smoke = stageNamed(stageName).Actions.find((action) => action.Name === 'SiteSmokeTest')!;
      expect(JSON.parse(smoke.Configuration!.EnvironmentVariables as string)[0]).toMatchObject({
        name: 'SITE_URL',
      });
    });

    it(`${stageName}: ${stageName === 'Production' ? 'records' : 'does not record'} its health URL for the Build's migrations check`, () => {
      const health = stageNamed(stageName).Actions.find((action) => action.Name === 'HealthCheck')!;
      const commands = (buildSpecOf(health).phases as { build: { commands: string[] } }).build.commands;
      const ssm = statementsOf(health).filter((statement) =>
        JSON.stringify(statement.Action).includes('ssm:'),
      );
      if (stageName === 'Staging') {
        expect(commands).toEqual(['node pipeline/scripts/health-check.mjs']);
        expect(ssm).toEqual([]);
        return;
      }
      // Written only once the check passed: the URL of an API that answered on this commit.
      expect(commands).toEqual([
        'node pipeline/scripts/health-check.mjs',
        'aws ssm put-parameter --name "$HEALTH_URL_PARAMETER" --type String --overwrite --value "$API_URL/health"',
      ]);
      expect(projectEnvOf(health).HEALTH_URL_PARAMETER).toBe(healthUrlParameter);
      expect(ssm).toEqual([
        expect.objectContaining({ Action: 'ssm:PutParameter', Resource: healthUrlParameterArn }),
      ]);
    });

    it(`${stageName}: deploys every stack into the ${key} account and region`, () => {
      const expected = config[key];
      const stageAssembly = app.assembly.getNestedAssembly(`assembly-GoalMandalaPipeline-${stageName}`);
      expect(stageAssembly.stacks).toHaveLength(6);
      for (const stack of stageAssembly.stacks) {
        expect(stack.environment).toMatchObject({ account: expected.account, region: expected.region });
      }
      // Operators find them in CloudFormation by these names (README runbooks).
      expect(stageAssembly.stacks.map((stack) => stack.stackName).sort()).toEqual(
        ['Api', 'Data', 'Edge', 'Network', 'Observability', 'Workflow'].map((name) => `${stageName}-${name}`),
      );
      for (const deploy of stageNamed(stageName).Actions.filter(isDeploy)) {
        expect(JSON.stringify(deploy.RoleArn)).toContain(`:${expected.account}:role/`);
      }
    });
  }

  it('asks for manual approval strictly before any production deploy action', () => {
    const actions = stageNamed('Production').Actions;
    const approvals = actions.filter((action) => action.ActionTypeId.Category === 'Approval');
    expect(approvals).toHaveLength(1);
    const firstDeploy = Math.min(...actions.filter(isDeploy).map((action) => action.RunOrder));
    expect(approvals[0]!.RunOrder).toBeLessThan(firstDeploy);
    expect(stageNamed('Staging').Actions.some((action) => action.ActionTypeId.Category === 'Approval')).toBe(
      false,
    );
  });

  it('runs no CodeBuild step in the production stage before the approval but the read-only change review', () => {
    const actions = stageNamed('Production').Actions;
    const approval = actions.find((action) => action.ActionTypeId.Category === 'Approval')!;
    const before = actions.filter((action) => isCodeBuild(action) && action.RunOrder < approval.RunOrder);
    expect(before.map((action) => action.Name)).toEqual([CHANGE_REVIEW_STEP_NAME]);
  });
});

describe('artifacts', () => {
  it('keeps pipeline artifacts in a bucket encrypted with a rotated KMS key', () => {
    const artifactStore = pipeline.Properties.ArtifactStore as {
      Location: { Ref: string };
      EncryptionKey: { Type: string; Id: { 'Fn::GetAtt': [string, string] } };
    };
    expect(artifactStore.EncryptionKey.Type).toBe('KMS');
    const resources = app.template.toJSON().Resources;
    const bucket = resources[artifactStore.Location.Ref];
    const keyId = artifactStore.EncryptionKey.Id['Fn::GetAtt'][0];
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(resources[keyId].Properties.EnableKeyRotation).toBe(true);
  });

  it('versions the artifact bucket, logs access to it and expires old artifacts', () => {
    const artifactStore = pipeline.Properties.ArtifactStore as { Location: { Ref: string } };
    const resources = app.template.toJSON().Resources;
    const bucket = resources[artifactStore.Location.Ref].Properties;
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const logsBucketId = bucket.LoggingConfiguration.DestinationBucketName.Ref;
    expect(resources[logsBucketId].Type).toBe('AWS::S3::Bucket');
    expect(bucket.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Id: 'ExpireOldArtifacts', ExpirationInDays: 90, Status: 'Enabled' }),
    );
    // Log delivery may write into the logs bucket, for this artifact bucket only.
    app.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Condition: Match.objectLike({
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [artifactStore.Location.Ref, 'Arn'] } },
            }),
          }),
        ]),
      },
    });
  });

  it('sends the logs of every CodeBuild project to one log group with a retention', () => {
    const [logGroupId] = Object.keys(
      app.template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 } }),
    );
    const projects = Object.values(app.template.findResources('AWS::CodeBuild::Project'));
    // synth, self-mutation, assets, then per stage: health check, site smoke test and the frontend release's
    // publish, candidate smoke test and switch; staging's acceptance test; production's change review
    expect(projects).toHaveLength(3 + 2 * 5 + 1 + 1);
    for (const project of projects) {
      expect(project.Properties.LogsConfig.CloudWatchLogs).toMatchObject({
        Status: 'ENABLED',
        GroupName: { Ref: logGroupId },
      });
    }
  });
});

describe('notifications', () => {
  it('sends run started / succeeded / failed and approval-waiting events to an encrypted topic', () => {
    app.template.hasResourceProperties('AWS::CodeStarNotifications::NotificationRule', {
      EventTypeIds: [...NOTIFIED_PIPELINE_EVENTS],
      DetailType: 'FULL',
      Targets: [{ TargetType: 'SNS', TargetAddress: { Ref: Match.anyValue() } }],
    });
    expect(NOTIFIED_PIPELINE_EVENTS).toContain('codepipeline-pipeline-manual-approval-needed');
    const topics = app.template.findResources('AWS::SNS::Topic');
    const [topic] = Object.values(topics);
    const keyId = topic!.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = app.template.toJSON().Resources[keyId].Properties;
    expect(key.EnableKeyRotation).toBe(true);
    // CodeStar Notifications may use the key, and only through SNS.
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'codestar-notifications.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'kms:ViaService': `sns.${config.toolchain.region}.amazonaws.com` } },
      }),
    );
    app.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { Service: 'codestar-notifications.amazonaws.com' },
          }),
        ]),
      },
    });
  });

  it('delivers them to the Slack notifier, which gets the secret name, never the webhook URL', () => {
    app.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    app.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SLACK_WEBHOOK_SECRET_ID: config.slackWebhookSecretName }),
      },
    });
  });
});
