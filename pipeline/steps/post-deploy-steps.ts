import { pipelines } from 'aws-cdk-lib';
import { healthCheckStep, type PostDeployStepProps } from './health-check-step.js';
import { siteSmokeTestStep } from './site-smoke-test-step.js';

/**
 * Steps that run after a stage's stacks deploy, in addition to the health check and smoke test
 * (e.g. the frontend's blue/green release from pipeline/steps/frontend-release.ts). They run after
 * the health check passed and before the site smoke test, in the order returned.
 */
export type ReleaseStepsFactory = (props: PostDeployStepProps) => pipelines.Step[];

/**
 * The post-deploy steps of one stage, strictly in sequence: `/health` check, then the release steps
 * (if any: the frontend release smoke-tests its candidate through CloudFront before switching), then
 * the site smoke test of what viewers now get. The release goes first because the site has no active
 * frontend release until the first one is switched in: a site smoke test before it would fail the
 * very first deployment of a stage forever. A failure stops the sequence and the pipeline run.
 */
export function postDeploySteps(
  props: PostDeployStepProps,
  releaseSteps?: ReleaseStepsFactory,
): pipelines.Step[] {
  return pipelines.Step.sequence([
    healthCheckStep(props),
    ...(releaseSteps?.(props) ?? []),
    siteSmokeTestStep(props),
  ]);
}
