import type { pipelines } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * CDK Pipelines' asset role is both the asset build's role and its CodePipeline action's role, and
 * aws-cdk-lib grants it `codebuild:StartBuild` on `*` (no option scopes it): with a buildspec override
 * it could start any build of the account, whose roles may assume the stage accounts' roles. A Deny
 * holds it to the asset projects. Call after `buildPipeline()`.
 */
export function holdAssetRoleToAssetBuilds(pipeline: pipelines.CodePipeline): void {
  const assets = pipeline.node.tryFindChild('Assets');
  if (!assets) return; // no asset stage: nothing to publish, no asset role
  const projects = assets.node.children.filter(
    (child): child is codebuild.PipelineProject => child instanceof codebuild.PipelineProject,
  );
  const roles = assets.node.children.filter((child): child is iam.Role => child instanceof iam.Role);
  if (projects.length === 0) return;
  for (const role of roles) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'OnlyTheAssetBuilds',
        effect: iam.Effect.DENY,
        actions: ['codebuild:StartBuild', 'codebuild:StopBuild'],
        notResources: projects.map((project) => project.projectArn),
      }),
    );
  }
}
