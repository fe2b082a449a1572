import { pipelines } from 'aws-cdk-lib';
import { healthCheckStep, type PostDeployStepProps } from './health-check-step.js';
import { siteSmokeTestStep } from './site-smoke-test-step.js';

/**
 * Steps that run after a stage's stacks deploy, in addition to the health check and smoke test
 * (e.g. the frontend's blue/green release from pipeline/steps/frontend-release.ts). They run after
 * the smoke test passed, in the order returned.
 */
export type ReleaseStepsFactory = (props: PostDeployStepProps) => pipelines.Step[];

/**
 * The post-deploy steps of one stage, strictly in sequence: `/health` check, then the site smoke
 * test, then the release steps (if any). A failure stops the sequence and the pipeline run.
 */
export function postDeploySteps(
  props: PostDeployStepProps,
  releaseSteps?: ReleaseStepsFactory,
): pipelines.Step[] {
  return pipelines.Step.sequence([
    healthCheckStep(props),
    siteSmokeTestStep(props),
    ...(releaseSteps?.(props) ?? []),
  ]);
}
