/**
 * The change review's place in the pipeline (right before the production approval, which links it),
 * and the least privilege of the roles it runs with: the runner in the toolchain account may only
 * assume the production account's review role, which may only read the production stacks' templates.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { CONTEXT_KEY, parseConfig } from '../../pipeline/config.js';
import { APPROVAL_ACTION_NAME } from '../../pipeline/pipeline-names.js';
import { CHANGE_REVIEW_STEP_NAME } from '../../pipeline/steps/change-review-step.js';
import { buildPipelineApp, cdkJsonContext, type PipelineApp } from './pipeline-app.js';

interface Action {
  Name: string;
  RunOrder: number;
  Namespace?: string;
  ActionTypeId: { Category: string; Provider: string };
  Configuration?: Record<string, unknown>;
  InputArtifacts?: { Name: string }[];
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

const config = parseConfig(cdkJsonContext()[CONTEXT_KEY]);
const reviewRoleArn = `arn:aws:iam::${config.production.account}:role/${config.appName}-change-review`;
const runnerRoleArn = `arn:aws:iam::${config.toolchain.account}:role/${config.appName}-change-review-runner`;

let app: PipelineApp;
let production: Action[];
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;

beforeAll(() => {
  app = buildPipelineApp();
  resources = app.template.toJSON().Resources;
  const [pipeline] = Object.values(app.template.findResources('AWS::CodePipeline::Pipeline'));
  const stages = (pipeline!.Properties as { Stages: { Name: string; Actions: Action[] }[] }).Stages;
  production = stages.find((stage) => stage.Name === 'Production')!.Actions;
});

const action = (name: string) => production.find((a) => a.Name === name)!;
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

describe('the change review step', () => {
  it('runs first in the Production stage, then the approval, then the deployments', () => {
    const review = action(CHANGE_REVIEW_STEP_NAME);
    const approval = action(APPROVAL_ACTION_NAME);
    expect(review.ActionTypeId).toMatchObject({ Category: 'Build', Provider: 'CodeBuild' });
    expect(approval.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
    const deployments = production.filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
    expect(deployments).toHaveLength(12);
    expect(review.RunOrder).toBe(1);
    expect(approval.RunOrder).toBe(review.RunOrder + 1);
    expect(Math.min(...deployments.map((a) => a.RunOrder))).toBeGreaterThan(approval.RunOrder);
  });

  it("reviews the build's own cloud assembly (the synth output the deployments use)", () => {
    const review = action(CHANGE_REVIEW_STEP_NAME);
    const deployedArtifact = production.find((a) => a.ActionTypeId.Provider === 'CloudFormation')!
      .InputArtifacts![0]!.Name;
    expect(review.InputArtifacts!.map((a) => a.Name)).toContain(deployedArtifact);
  });

  it("gives the approval the review's note as its comment and the review's build log as its link", () => {
    const namespace = action(CHANGE_REVIEW_STEP_NAME).Namespace!;
    expect(namespace).toBeTruthy();
    expect(action(APPROVAL_ACTION_NAME).Configuration).toEqual({
      CustomData: `Staging passed its health check, smoke test and acceptance test. Promote this commit to production? | #{${namespace}.CHANGE_REVIEW_NOTE}`,
      ExternalEntityLink: `#{${namespace}.CHANGE_REVIEW_URL}`,
    });
  });

  it('fetches the templates with the review role, reviews them, and exports the note and the link', () => {
    const project =
      resources[(action(CHANGE_REVIEW_STEP_NAME).Configuration!.ProjectName as { Ref: string }).Ref]!;
    const spec = JSON.parse((project.Properties.Source as { BuildSpec: string }).BuildSpec);
    expect(spec.phases.build.commands).toEqual([
      'npm run review:fetch -- --out deployed-templates --stage Production --role-arn "$CHANGE_REVIEW_ROLE_ARN"',
      'npm run --silent review -- --deployed deployed-templates --stage Production --note change-review-note.txt',
      'export CHANGE_REVIEW_NOTE="$(cat change-review-note.txt)" CHANGE_REVIEW_URL="$CODEBUILD_BUILD_URL"',
    ]);
    expect(spec.env['exported-variables']).toEqual(['CHANGE_REVIEW_NOTE', 'CHANGE_REVIEW_URL']);
    expect(
      (project.Properties.Environment as { EnvironmentVariables: unknown[] }).EnvironmentVariables,
    ).toEqual([{ Name: 'CHANGE_REVIEW_ROLE_ARN', Type: 'PLAINTEXT', Value: reviewRoleArn }]);
  });

  it('runs as a role of its own that may assume only the production review role', () => {
    const project =
      resources[(action(CHANGE_REVIEW_STEP_NAME).Configuration!.ProjectName as { Ref: string }).Ref]!;
    const roleId = (project.Properties.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.RoleName).toBe(`${config.appName}-change-review-runner`);
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const assumes = statements.filter((s) => list(s.Action).some((a) => a.startsWith('sts:')));
    expect(assumes).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: reviewRoleArn }]);
    // Nothing but its logs, reports, the pipeline's artifacts and the source (a git clone through the
    // connection) otherwise: no CloudFormation, no IAM.
    const services = new Set(statements.flatMap((s) => list(s.Action)).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['codebuild', 'codestar-connections', 'kms', 'logs', 's3', 'sts']);
  });
});

describe('the production account change review role (bootstrapping)', () => {
  let access: ChangeReviewAccessStack;
  let template: Template;
  beforeAll(() => {
    access = new ChangeReviewAccessStack(new App({ context: cdkJsonContext() }), 'Access', {
      stage: app.stack.production,
      appName: config.appName,
      toolchainAccount: config.toolchain.account,
    });
    template = Template.fromStack(access);
  });

  it('lives in the production account and region', () => {
    expect(access.account).toBe(config.production.account);
    expect(access.region).toBe(config.production.region);
  });

  it('may be assumed by the change review runner role of the toolchain account only', () => {
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role!.Properties.RoleName).toBe(`${config.appName}-change-review`);
    expect(role!.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: `arn:aws:iam::${config.toolchain.account}:root` },
        Condition: { ArnEquals: { 'aws:PrincipalArn': runnerRoleArn } },
      },
    ]);
    expect(role!.Properties.Policies).toBeUndefined();
  });

  it("may only read the templates and status of the Production stage's six stacks", () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
    const stackNames = app.stack.production.node.children.filter(Stack.isStack).map((s) => s.stackName);
    expect(stackNames).toHaveLength(6);
    const [statement, ...others] = policies[0]!.Properties.PolicyDocument.Statement as Statement[];
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
    });
    expect([...(statement!.Resource as string[])].sort()).toEqual(
      stackNames
        .map(
          (name) =>
            `arn:aws:cloudformation:${config.production.region}:${config.production.account}:stack/${name}/*`,
        )
        .sort(),
    );
  });
});
