/**
 * The frontend release as the pipeline runs it: three post-deploy actions per stage in order, run in the
 * toolchain account under a role that may only assume the stage's release publisher role; and the edge
 * stack pieces they rely on (router function with the store, publisher role, outputs).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { frontendReleaseStepsFactory } from '../../../pipeline/steps/frontend-release.js';
import { buildPipelineApp, cdkJsonContext, type PipelineApp } from '../pipeline-app.js';

interface Action {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Provider: string };
  Configuration?: Record<string, unknown>;
}
const config = cdkJsonContext().goalMandala as {
  toolchain: { account: string };
  staging: { account: string };
};
const RELEASE_ACTIONS = ['FrontendPublishCandidate', 'FrontendSmokeTestCandidate', 'FrontendSwitchActive'];

let app: PipelineApp;
let edge: Template;
const resources = () =>
  app.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

function stageActions(name: string): Action[] {
  const pipeline = Object.values(app.template.findResources('AWS::CodePipeline::Pipeline'))[0]!;
  return (pipeline.Properties.Stages as { Name: string; Actions: Action[] }[]).find((s) => s.Name === name)!
    .Actions;
}

function projectOf(action: Action) {
  const ref = (action.Configuration!.ProjectName as { Ref: string }).Ref;
  return resources()[ref]!.Properties;
}

beforeAll(() => {
  app = buildPipelineApp({ releaseSteps: frontendReleaseStepsFactory });
  edge = Template.fromStack(app.stack.staging.edge);
});

describe('frontend release steps in the pipeline', () => {
  it('publish → smoke test → switch, after the stage deployed, in each stage', () => {
    for (const stageName of ['Staging', 'Production']) {
      const actions = stageActions(stageName);
      const release = RELEASE_ACTIONS.map((name) => actions.find((action) => action.Name === name)!);
      expect(release.every(Boolean)).toBe(true);
      const deployOrder = Math.max(
        ...actions.filter((a) => a.ActionTypeId.Provider === 'CloudFormation').map((a) => a.RunOrder),
      );
      const orders = release.map((action) => action.RunOrder);
      expect(orders[0]).toBeGreaterThan(deployOrder);
      expect(orders[1]).toBeGreaterThan(orders[0]!);
      expect(orders[2]).toBeGreaterThan(orders[1]!);
    }
  });

  it('runs the npm scripts with the commit as release id and the edge outputs as settings', () => {
    const actions = stageActions('Staging');
    const project = (name: string) => projectOf(actions.find((a) => a.Name === name)!);
    const actionEnv = (name: string) =>
      JSON.stringify(actions.find((a) => a.Name === name)!.Configuration!.EnvironmentVariables);
    expect(JSON.stringify(project('FrontendPublishCandidate').Source)).toContain('npm run frontend:publish');
    expect(JSON.stringify(project('FrontendSmokeTestCandidate').Source)).toContain('npm run frontend:smoke');
    expect(JSON.stringify(project('FrontendSwitchActive').Source)).toContain('npm run frontend:switch');
    for (const name of ['FrontendPublishCandidate', 'FrontendSwitchActive']) {
      for (const variable of [
        'RELEASE_ID',
        'SITE_BUCKET',
        'RELEASE_STORE_ARN',
        'RELEASE_PUBLISHER_ROLE_ARN',
      ]) {
        expect(actionEnv(name)).toContain(variable);
      }
      expect(actionEnv(name)).toContain('CommitId'); // the source action's commit variable
      expect(JSON.stringify(project(name).Environment)).toContain('SITE_REGION');
    }
    expect(actionEnv('FrontendSmokeTestCandidate')).toContain('SITE_URL');
  });

  it("may assume only the stage account's release publisher role (and only the steps that write)", () => {
    const assumedBy = (step: string) => {
      const project = projectOf(stageActions('Staging').find((action) => action.Name === step)!);
      const roleId = (project.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return Object.values(resources())
        .filter(
          (r) =>
            r.Type === 'AWS::IAM::Policy' &&
            (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
        )
        .flatMap(
          (r) =>
            (r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
              .Statement,
        )
        .filter((statement) => statement.Action === 'sts:AssumeRole')
        .map((statement) => statement.Resource);
    };
    for (const step of ['FrontendPublishCandidate', 'FrontendSwitchActive']) {
      const targets = assumedBy(step);
      expect(targets).toHaveLength(1);
      expect(targets[0]).toMatch(new RegExp(`^arn:aws:iam::${config.staging.account}:role/[\\w+=,.@-]+$`));
    }
    expect(assumedBy('FrontendSmokeTestCandidate')).toEqual([]);
  });
});

describe('edge stack pieces the release relies on', () => {
  it('a JS 2.0 viewer-request function with the release store associated and its id in the code', () => {
    const functions = edge.findResources('AWS::CloudFront::Function');
    const [router] = Object.values(functions).filter((f) => JSON.stringify(f).includes('release-preview'));
    expect(router).toBeDefined();
    const properties = router!.Properties;
    expect(properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(properties.FunctionConfig.KeyValueStoreAssociations).toHaveLength(1);
    const code = JSON.stringify(properties.FunctionCode);
    expect(code).not.toContain('__KVS_ID__');
    expect(code).toContain('Fn::GetAtt'); // the store's id, resolved by CloudFormation
    edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
  });

  it("no distribution-wide error pages (they would turn the API's 404s into 200 HTML)", () => {
    const [distribution] = Object.values(edge.findResources('AWS::CloudFront::Distribution'));
    expect(distribution!.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
  });

  it('a publisher role the toolchain account may assume, writing releases/* and the store only', () => {
    const role = Object.values(edge.findResources('AWS::IAM::Role')).find((r) =>
      String(r.Properties.Description ?? '').includes('frontend releases'),
    )!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain(config.toolchain.account);
    const policies = Object.values(edge.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('ReleasePublisherRole'),
    );
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const kvs = statements.find((s) =>
      JSON.stringify(s.Action).includes('cloudfront-keyvaluestore:UpdateKeys'),
    )!;
    expect(JSON.stringify(kvs.Resource)).toContain('ReleaseStore');
    const writes = statements.find((s) => JSON.stringify(s.Action).includes('s3:PutObject'))!;
    expect(JSON.stringify(writes.Resource)).toContain('/releases/*');
  });

  it('outputs what the steps read', () => {
    for (const output of ['SiteBucketName', 'ReleaseStoreArn', 'ReleasePublisherRoleArn', 'SiteUrl']) {
      expect(Object.keys(edge.findOutputs('*')).some((id) => id.startsWith(output))).toBe(true);
    }
  });
});
