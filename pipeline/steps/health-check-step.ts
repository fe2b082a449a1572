import { Aws, pipelines } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { GoalMandalaStage } from '../../stages/goal-mandala-stage.js';

export interface PostDeployStepProps {
  /** The deployed stage whose outputs the step reads. */
  readonly stage: GoalMandalaStage;
  /** The repository checkout: the step runs the script from it (no `npm ci` needed). */
  readonly source: pipelines.IFileSetProducer;
  /** The commit this run is building (the source action's CommitId variable). */
  readonly commitId: string;
  /**
   * An SSM parameter (this pipeline's account and region) the health check writes the stage's health URL
   * to once it passed: Production's, which the Build reads to know what Production serves.
   * @default - written nowhere
   */
  readonly healthUrlParameter?: string;
}

/** The ARN of an SSM parameter in the pipeline's own account and region, from its `/…` name. */
export const parameterArn = (name: string) =>
  `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${name}`;

/**
 * `/health` check after a stage deploys: fails unless the API answers status and database "ok"
 * on exactly the commit being built (pipeline/scripts/health-check.mjs: bounded retries, backoff).
 */
export function healthCheckStep(props: PostDeployStepProps): pipelines.ShellStep {
  const parameter = props.healthUrlParameter;
  return new pipelines.CodeBuildStep('HealthCheck', {
    input: props.source,
    envFromCfnOutputs: { API_URL: props.stage.apiUrl },
    env: { EXPECTED_VERSION: props.commitId, ...(parameter ? { HEALTH_URL_PARAMETER: parameter } : {}) },
    commands: [
      'node pipeline/scripts/health-check.mjs',
      // AWS CLI v2 (the CodeBuild image's) takes an https:// value as text, never as a URL to fetch.
      ...(parameter
        ? [
            'aws ssm put-parameter --name "$HEALTH_URL_PARAMETER" --type String --overwrite --value "$API_URL/health"',
          ]
        : []),
    ],
    rolePolicyStatements: parameter
      ? [new iam.PolicyStatement({ actions: ['ssm:PutParameter'], resources: [parameterArn(parameter)] })]
      : [],
  });
}
