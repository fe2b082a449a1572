/**
 * The frontend's blue/green release, after a stage has deployed (and passed its health check):
 *
 *   1. FrontendPublishCandidate  build the web app as release <commit>, upload it to the site bucket
 *                                under `releases/<commit>/` (immutable), point `candidate` at it
 *   2. FrontendSmokeTestCandidate  through CloudFront, with the preview header and cookie: the candidate's
 *                                own index.html, its assets, the SPA fallback and `/api/health`
 *   3. FrontendSwitchActive      switch `active` to it in one ETag-guarded write, keeping the replaced
 *                                release as `previous` (switch back: `npm run frontend:switch -- previous`)
 *
 * The steps that write run in the toolchain account as the stage's release runner role and assume the
 * edge stack's release publisher role in the stage's account, both named by stages/release-publisher-names.ts
 * (the publisher trusts the runner alone). Build logic lives in npm scripts (bin/frontend-*.ts), not here.
 */
import { Stack, pipelines } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { GoalMandalaStage } from '../../stages/goal-mandala-stage.js';
import {
  releasePublisherRoleName,
  releaseRunnerRoleName,
  roleArn,
} from '../../stages/release-publisher-names.js';

export interface FrontendReleaseOptions {
  /** The repository checkout the steps run the npm scripts from. */
  readonly source: pipelines.IFileSetProducer;
  /** The commit being released (the source action's CommitId variable): the release id. */
  readonly commitId: string;
}

/** The three steps, in order (each depends on the one before). */
export function frontendReleaseSteps(
  stage: GoalMandalaStage,
  options: FrontendReleaseOptions,
): pipelines.Step[] {
  const { edge } = stage;
  const { appName, stageName } = stage.config;
  const env = { RELEASE_ID: options.commitId, SITE_REGION: edge.region };
  const target = {
    SITE_BUCKET: edge.releaseOutputs.siteBucketName,
    RELEASE_STORE_ARN: edge.releaseOutputs.releaseStoreArn,
    RELEASE_PUBLISHER_ROLE_ARN: edge.releaseOutputs.releasePublisherRoleArn,
  };
  // The pipeline stack the stage is defined in: the runner role lives there, in the toolchain account.
  const pipelineStack = Stack.of(stage.node.scope ?? stage);
  const assumePublisher = new iam.PolicyStatement({
    actions: ['sts:AssumeRole'],
    resources: [
      roleArn(pipelineStack.partition, stage.config.account, releasePublisherRoleName(appName, stageName)),
    ],
  });
  // Named, so the publisher role can trust exactly this role; shared by the two steps that write.
  const runner = new iam.Role(pipelineStack, `${stage.node.id}ReleaseRunnerRole`, {
    roleName: releaseRunnerRoleName(appName, stageName),
    description: `Runs the ${stageName} frontend release steps: may assume only that stage's release publisher role`,
    assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
  });
  const install = 'npm ci --no-audit --no-fund';

  const publish = new pipelines.CodeBuildStep('FrontendPublishCandidate', {
    input: options.source,
    env,
    envFromCfnOutputs: target,
    commands: [install, 'npm run frontend:publish'],
    role: runner,
    rolePolicyStatements: [assumePublisher],
  });
  const smokeTest = new pipelines.CodeBuildStep('FrontendSmokeTestCandidate', {
    input: options.source,
    env,
    envFromCfnOutputs: { SITE_URL: stage.siteUrl },
    commands: [install, 'npm run frontend:smoke'],
  });
  const switchActive = new pipelines.CodeBuildStep('FrontendSwitchActive', {
    input: options.source,
    env,
    envFromCfnOutputs: target,
    commands: [install, 'npm run frontend:switch'],
    role: runner,
    rolePolicyStatements: [assumePublisher],
  });
  return pipelines.Step.sequence([publish, smokeTest, switchActive]);
}

/** The same, in the shape `PipelineStack`'s `releaseSteps` takes. */
export const frontendReleaseStepsFactory = (
  props: { stage: GoalMandalaStage } & FrontendReleaseOptions,
): pipelines.Step[] => frontendReleaseSteps(props.stage, props);
