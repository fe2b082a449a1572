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
 * The steps run in the toolchain account and assume the edge stack's release publisher role in the
 * stage's account. Build logic lives in npm scripts (bin/frontend-*.ts), not here.
 */
import { pipelines } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { GoalMandalaStage } from '../../stages/goal-mandala-stage.js';

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
  const env = { RELEASE_ID: options.commitId, SITE_REGION: edge.region };
  const target = {
    SITE_BUCKET: edge.releaseOutputs.siteBucketName,
    RELEASE_STORE_ARN: edge.releaseOutputs.releaseStoreArn,
    RELEASE_PUBLISHER_ROLE_ARN: edge.releaseOutputs.releasePublisherRoleArn,
  };
  const assumePublisher = new iam.PolicyStatement({
    actions: ['sts:AssumeRole'],
    resources: [edge.releasePublisherRole.roleArn],
  });
  const install = 'npm ci --no-audit --no-fund';

  const publish = new pipelines.CodeBuildStep('FrontendPublishCandidate', {
    input: options.source,
    env,
    envFromCfnOutputs: target,
    commands: [install, 'npm run frontend:publish'],
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
    rolePolicyStatements: [assumePublisher],
  });
  return pipelines.Step.sequence([publish, smokeTest, switchActive]);
}

/** The same, in the shape `PipelineStack`'s `releaseSteps` takes. */
export const frontendReleaseStepsFactory = (
  props: { stage: GoalMandalaStage } & FrontendReleaseOptions,
): pipelines.Step[] => frontendReleaseSteps(props.stage, props);
