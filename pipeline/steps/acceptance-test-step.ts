import { pipelines } from 'aws-cdk-lib';
import type { PostDeployStepProps } from './health-check-step.js';

/** The step's name in CodePipeline: what people look for when a staging run stops. */
export const ACCEPTANCE_TEST_STEP_NAME = 'AcceptanceTest';

/**
 * The product's journey against the deployed stage (pipeline/scripts/acceptance-journey.mjs): two
 * throw-away users, a goal drafted by the AI, tasks, a reflection, isolation, both accounts deleted.
 * It calls the API through the site's `/api` (CloudFront), the way the browser does. A failure stops
 * the run before the production approval.
 */
export function acceptanceTestStep(
  props: Pick<PostDeployStepProps, 'stage' | 'source'>,
): pipelines.ShellStep {
  return new pipelines.ShellStep(ACCEPTANCE_TEST_STEP_NAME, {
    input: props.source,
    envFromCfnOutputs: { SITE_URL: props.stage.siteUrl },
    commands: ['API_URL="${SITE_URL%/}/api" node pipeline/scripts/acceptance-journey.mjs'],
  });
}
