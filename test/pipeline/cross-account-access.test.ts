/**
 * What the pipeline's steps need in other accounts, read from the assembly as `cdk synth` writes it
 * (the stage assemblies are written once, before the pipeline refers to them: a name CDK generates
 * for a cross-account reference afterwards would exist only in the pipeline's template).
 */
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  releasePublisherRoleName,
  releaseRunnerRoleName,
  roleArn,
} from '../../stages/release-publisher-names.js';
import { synthesizeAppAssembly } from '../helpers/written-app-assembly.js';
import { cdkJsonContext } from './pipeline-app.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const config = cdkJsonContext().goalMandala as {
  appName: string;
  toolchain: { account: string; region: string };
  staging: { account: string };
  production: { account: string };
};

/** The statements of the policy document a property holds. */
const statementsIn = (properties: Record<string, unknown>, key = 'PolicyDocument') =>
  (properties[key] as { Statement: Statement[] }).Statement;

let assembly: CloudAssembly;
let pipeline: Resources;

/** A stack of a stage, as written into the stage's own nested assembly. */
function writtenStack(stage: 'Staging' | 'Production', stack: string): CloudFormationStackArtifact {
  return assembly
    .getNestedAssembly(`assembly-GoalMandalaPipeline-${stage}`)
    .getStackByName(`${stage}-${stack}`);
}

function statementsOfRole(resources: Resources, roleId: string): Statement[] {
  return Object.values(resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        (resource.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap((resource) => statementsIn(resource.Properties));
}

beforeAll(() => {
  ({ assembly } = synthesizeAppAssembly());
  pipeline = assembly.getStackByName('GoalMandalaPipeline').template.Resources as Resources;
});

describe.each([
  ['Staging', 'staging'],
  ['Production', 'production'],
] as const)('%s frontend release across accounts', (stage, stageName) => {
  const account = () => config[stageName].account;
  const publisherName = () => releasePublisherRoleName(config.appName, stageName);
  const runnerName = () => releaseRunnerRoleName(config.appName, stageName);

  it('the steps that write run as the named runner role, which may assume the publisher role by its name', () => {
    const [runnerId] = Object.entries(pipeline).find(
      ([, resource]) => resource.Type === 'AWS::IAM::Role' && resource.Properties.RoleName === runnerName(),
    )!;
    const projects = Object.entries(pipeline).filter(
      ([id, resource]) =>
        resource.Type === 'AWS::CodeBuild::Project' &&
        /^Pipeline\w+Frontend(PublishCandidate|SwitchActive)/.test(id) &&
        id.startsWith(`Pipeline${stage}`),
    );
    expect(projects).toHaveLength(2);
    for (const [, project] of projects)
      expect(project.Properties.ServiceRole).toEqual({ 'Fn::GetAtt': [runnerId, 'Arn'] });
    const assumes = statementsOfRole(pipeline, runnerId).filter(
      (statement) => statement.Action === 'sts:AssumeRole',
    );
    expect(assumes).toEqual([
      expect.objectContaining({ Effect: 'Allow', Resource: roleArn('aws', account(), publisherName()) }),
    ]);
  });

  it("the stage's written edge template creates the publisher role under that name, trusting the runner role alone", () => {
    const edge = writtenStack(stage, 'Edge').template.Resources as Resources;
    const roles = Object.values(edge).filter(
      (resource) => resource.Type === 'AWS::IAM::Role' && resource.Properties.RoleName === publisherName(),
    );
    expect(roles).toHaveLength(1);
    expect(statementsIn(roles[0]!.Properties, 'AssumeRolePolicyDocument')).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: `arn:aws:iam::${config.toolchain.account}:root` },
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': roleArn('aws', config.toolchain.account, runnerName()) },
        },
      },
    ]);
  });
});

describe('confused-deputy conditions and scopes in the toolchain account', () => {
  it('CodeStar Notifications may publish to the topic only for this account, and use its key only through SNS', () => {
    const topicPolicy = Object.values(pipeline).find(
      (resource) => resource.Type === 'AWS::SNS::TopicPolicy',
    )!;
    expect(statementsIn(topicPolicy.Properties)).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { Service: 'codestar-notifications.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { StringNotEquals: { 'aws:SourceAccount': config.toolchain.account } },
      }),
    );
    const key = Object.entries(pipeline).find(
      ([id, resource]) => resource.Type === 'AWS::KMS::Key' && id.startsWith('NotificationsTopicKey'),
    )![1];
    expect(statementsIn(key.Properties, 'KeyPolicy')).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { Service: 'codestar-notifications.amazonaws.com' },
        Condition: { StringNotEquals: { 'kms:ViaService': `sns.${config.toolchain.region}.amazonaws.com` } },
      }),
    );
  });

  it('the asset role, which aws-cdk-lib lets start any build, may start only the asset builds', () => {
    const roleId = Object.keys(pipeline).find(
      (id) => pipeline[id]!.Type === 'AWS::IAM::Role' && id.startsWith('PipelineAssetsFileRole'),
    )!;
    const assetProjects = Object.keys(pipeline).filter(
      (id) => pipeline[id]!.Type === 'AWS::CodeBuild::Project' && id.startsWith('PipelineAssets'),
    );
    expect(assetProjects.length).toBeGreaterThan(0);
    expect(statementsOfRole(pipeline, roleId)).toContainEqual({
      Sid: 'OnlyTheAssetBuilds',
      Effect: 'Deny',
      Action: ['codebuild:StartBuild', 'codebuild:StopBuild'],
      NotResource:
        assetProjects.length === 1
          ? { 'Fn::GetAtt': [assetProjects[0], 'Arn'] }
          : assetProjects.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
    });
  });
});
