import { pipelines } from 'aws-cdk-lib';
import type { GoalMandalaStage } from '../../stages/goal-mandala-stage.js';

export interface PostDeployStepProps {
  /** The deployed stage whose outputs the step reads. */
  readonly stage: GoalMandalaStage;
  /** The repository checkout: the step runs the script from it (no `npm ci` needed). */
  readonly source: pipelines.IFileSetProducer;
  /** The commit this run is building (the source action's CommitId variable). */
  readonly commitId: string;
}

/**
 * `/health` check after a stage deploys: fails unless the API answers status and database "ok"
 * on exactly the commit being built (pipeline/scripts/health-check.mjs: bounded retries, backoff).
 */
export function healthCheckStep(props: PostDeployStepProps): pipelines.ShellStep {
  return new pipelines.ShellStep('HealthCheck', {
    input: props.source,
    envFromCfnOutputs: { API_URL: props.stage.apiUrl },
    env: { EXPECTED_VERSION: props.commitId },
    commands: ['node pipeline/scripts/health-check.mjs'],
  });
}
