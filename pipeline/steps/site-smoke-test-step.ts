import { pipelines } from 'aws-cdk-lib';
import type { PostDeployStepProps } from './health-check-step.js';

/** Smoke test of the stage's site URL: HTML, SPA fallback and `/api/*` routing (site-smoke-test.mjs). */
export function siteSmokeTestStep(props: PostDeployStepProps): pipelines.ShellStep {
  return new pipelines.ShellStep('SiteSmokeTest', {
    input: props.source,
    envFromCfnOutputs: { SITE_URL: props.stage.siteUrl },
    commands: ['node pipeline/scripts/site-smoke-test.mjs'],
  });
}
