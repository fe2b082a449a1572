import { CfnOutput, Duration, Stack, type StackProps, pipelines } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { GoalMandalaStage } from '../stages/goal-mandala-stage.js';
import type { StageName } from '../stages/stage-config.js';
import { ArtifactBucketHardening } from './artifact-bucket.js';
import { holdAssetRoleToAssetBuilds } from './asset-build-scope.js';
import { type AppConfig, stageConfig } from './config.js';
import { DeliveryNotifications } from './delivery-notifications.js';
import {
  APPROVAL_ACTION_NAME,
  SOURCE_ACTION_NAME,
  deliveryPipelineName,
  productionHealthUrlParameterName,
} from './pipeline-names.js';
import { ChangeReviewStep } from './steps/change-review-step.js';
import { StageBake } from './stage-bake.js';
import { acceptanceTestStep } from './steps/acceptance-test-step.js';
import { frontendReleaseStepsFactory } from './steps/frontend-release.js';
import { type ReleaseStepsFactory, postDeploySteps } from './steps/post-deploy-steps.js';
import { synthStep } from './steps/synth-step.js';

/** The CDK CLI the pipeline's own steps run: the same as the `aws-cdk` devDependency. */
export const PINNED_CDK_CLI_VERSION = '2.1148.1';

export interface PipelineStackProps extends StackProps {
  /** The validated app configuration: accounts, regions, repository, Slack secret name. */
  readonly config: AppConfig;
  /** The commit being synthesized; the stages bake it into the API (`/api/health` answers it). */
  readonly appVersion: string;
  /**
   * Release steps run after each stage's health check, before its site smoke test.
   * @default - the frontend's blue/green release (pipeline/steps/frontend-release.ts)
   */
  readonly releaseSteps?: ReleaseStepsFactory;
}

/**
 * The self-mutating delivery pipeline in the toolchain account (CodePipeline V2):
 * Source → Build → UpdatePipeline → Assets → Staging → approval → Production,
 * with a `/health` check and a site smoke test after each stage and Slack notifications.
 */
export class PipelineStack extends Stack {
  readonly pipeline: pipelines.CodePipeline;
  readonly staging: GoalMandalaStage;
  readonly production: GoalMandalaStage;
  readonly notifications: DeliveryNotifications;
  /** Production bakes under alarms after its post-deploy steps and rolls itself back on one. */
  readonly bake: StageBake;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    const { config } = props;
    super(scope, id, { env: config.toolchain, ...props });

    const source = pipelines.CodePipelineSource.connection(config.repository.name, config.repository.branch, {
      connectionArn: config.repository.connectionArn,
      triggerOnPush: true,
      actionName: SOURCE_ACTION_NAME,
      // The build's secret scan reads what git tracks (`git ls-files`): CodeBuild clones the commit
      // instead of unpacking a zip without git metadata. Every consumer of the source is a CodeBuild step.
      codeBuildCloneOutput: true,
    });
    const commitId = source.sourceAttribute('CommitId');
    // Production's health URL, for the Build's migrations check: written by its health check, read by the Build.
    const productionHealthUrlParameter = productionHealthUrlParameterName(config.appName);
    // Every CodeBuild project of the pipeline logs here, kept three months.
    const buildLogs = new logs.LogGroup(this, 'BuildLogs', { retention: logs.RetentionDays.THREE_MONTHS });

    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: deliveryPipelineName(config.appName),
      pipelineType: codepipeline.PipelineType.V2,
      selfMutation: true,
      synth: synthStep(this, { source, productionHealthUrlParameter }),
      // Deployments go to other accounts: the artifact bucket needs a (rotated) KMS key they can use.
      crossAccountKeys: true,
      enableKeyRotation: true,
      cliVersion: PINNED_CDK_CLI_VERSION,
      // One CodeBuild project per asset type rather than per asset.
      publishAssetsInParallel: false,
      // Lambdas bundle with local esbuild; nothing in the pipeline needs Docker.
      dockerEnabledForSynth: false,
      dockerEnabledForSelfMutation: false,
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0 },
        logging: { cloudWatch: { logGroup: buildLogs } },
        partialBuildSpec: codebuild.BuildSpec.fromObject({
          phases: { install: { 'runtime-versions': { nodejs: '20' } } },
        }),
      },
    });

    const stage = (name: StageName) =>
      new GoalMandalaStage(this, name === 'staging' ? 'Staging' : 'Production', {
        config: stageConfig(config, name),
        appVersion: props.appVersion,
        // The frontend release steps run here and assume the stage's release publisher role.
        releasePublisherAccount: config.toolchain.account,
        // Production's releases bake under alarms in the toolchain account, on production's metrics.
        bakeAccount: name === 'production' ? config.toolchain.account : undefined,
      });
    this.staging = stage('staging');
    this.production = stage('production');

    const releaseSteps = props.releaseSteps ?? frontendReleaseStepsFactory;
    this.pipeline.addStage(this.staging, {
      post: pipelines.Step.sequence([
        ...postDeploySteps({ stage: this.staging, source, commitId }, releaseSteps),
        acceptanceTestStep({ stage: this.staging, source }),
      ]),
    });
    // What production's deployment would change (replacements, data-loss risks, IAM), for the approver.
    const review = new ChangeReviewStep(this, {
      source,
      cloudAssembly: this.pipeline.cloudAssemblyFileSet,
      stage: this.production,
      appName: config.appName,
    });
    this.pipeline.addStage(this.production, {
      pre: pipelines.Step.sequence([
        review,
        review.approval(
          APPROVAL_ACTION_NAME,
          'Staging passed its health check, smoke test and acceptance test. Promote this commit to production?',
        ),
      ]),
      post: postDeploySteps(
        { stage: this.production, source, commitId, healthUrlParameter: productionHealthUrlParameter },
        releaseSteps,
      ),
    });

    // Notifications and the artifact bucket's settings need the underlying CodePipeline, built here.
    this.pipeline.buildPipeline();
    holdAssetRoleToAssetBuilds(this.pipeline);
    new ArtifactBucketHardening(this, 'Artifacts', { artifactBucket: this.pipeline.pipeline.artifactBucket });
    this.notifications = new DeliveryNotifications(this, 'Notifications', {
      pipeline: this.pipeline.pipeline,
      slackWebhookSecretName: config.slackWebhookSecretName,
      bake: { stageName: this.production.stageName, minutes: config.production.bakeMinutes },
    });
    this.bake = new StageBake(this, 'ProductionBake', {
      pipeline: this.pipeline.pipeline,
      stageName: this.production.stageName,
      signals: this.production.releaseSignals,
      bakeTime: Duration.minutes(config.production.bakeMinutes),
      alarmNamePrefix: `${config.appName}-production`,
      alarmTopic: this.notifications.topic,
    });

    new CfnOutput(this, 'PipelineName', {
      value: this.pipeline.pipeline.pipelineName,
      description: 'Pass to the rollback command (npm run rollback -- <tag>)',
    });
  }
}
