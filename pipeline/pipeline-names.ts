/**
 * Names people type (the rollback command, the console), so they are fixed rather than generated.
 * Shared by the pipeline stack and the operator commands in bin/.
 */

/** The CodePipeline pipeline's name: `<appName>-delivery`. */
export function deliveryPipelineName(appName: string): string {
  return `${appName}-delivery`;
}

/** The source action's name; rollback overrides this action's revision (`sourceRevisions`). */
export const SOURCE_ACTION_NAME = 'Checkout';

/** The manual approval before production; the rollback command recognises it while following a run. */
export const APPROVAL_ACTION_NAME = 'PromoteToProduction';

/**
 * The read-only role in the production account the change review assumes (GetTemplate/DescribeStacks
 * on the stage's stacks); added at bootstrapping (`GoalMandalaChangeReviewAccess`, docs/runbook.md).
 */
export function changeReviewRoleName(appName: string): string {
  return `${appName}-change-review`;
}

/** The change review step's CodeBuild role (toolchain account): the only principal the role above trusts. */
export function changeReviewRunnerRoleName(appName: string): string {
  return `${appName}-change-review-runner`;
}

/**
 * The SSM parameter (toolchain account) holding Production's `/api/health` URL: its HealthCheck writes it
 * after each production deployment, the Build reads it to know which commit Production serves (the
 * migrations check compares with it). Absent until the first production deployment.
 */
export function productionHealthUrlParameterName(appName: string): string {
  return `/${appName}/production/health-url`;
}
