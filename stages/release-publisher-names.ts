/**
 * The two roles of a frontend release, named from the app and the stage in one place: the stage's edge
 * stack creates the publisher role under this name and trusts only the runner role; the pipeline's
 * release steps run as the runner role and assume the publisher role by this name. A name CDK generated
 * for the cross-account reference would exist only in the pipeline's synthesis, not in the stage's
 * assembly that deploys (CDK Pipelines writes a stage's assembly once, before the pipeline refers to it).
 */

/** The role in the stage's account that writes `releases/*` and switches the release pointers. */
export function releasePublisherRoleName(appName: string, stageName: string): string {
  return `${appName}-${stageName}-release-publisher`;
}

/** The role the pipeline's frontend release steps run as (toolchain account): the publisher trusts it alone. */
export function releaseRunnerRoleName(appName: string, stageName: string): string {
  return `${appName}-${stageName}-release-runner`;
}

/** `arn:<partition>:iam::<account>:role/<name>` (roles are global: no region). */
export function roleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}
