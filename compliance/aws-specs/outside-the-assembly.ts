/**
 * Resources the templates refer to that no template of the assembly creates, each with who makes it.
 * named-references.ts accepts an ARN matching one of these patterns; everything else must be created
 * by the assembly under the name used. Reviewed like an acknowledgement: keep each pattern narrow.
 */
export interface OutsideResource {
  /** An ARN pattern as IAM matches it (`*`, `?`). */
  readonly arn: string;
  readonly reason: string;
}

export const OUTSIDE_THE_ASSEMBLY: readonly OutsideResource[] = [
  {
    arn: 'arn:*:iam::*:role/cdk-hnb659fds-*',
    reason:
      '`cdk bootstrap` creates the deploy, file-publishing and lookup roles in every account (runbook: bootstrap); CDK Pipelines assumes them',
  },
  {
    arn: 'arn:aws:s3:::cdk-hnb659fds-assets-*',
    reason:
      '`cdk bootstrap` creates the asset bucket of each account and region; the Assets step publishes the Lambda bundles there',
  },
  {
    arn: 'arn:aws:secretsmanager:*:*:secret:goal-mandala/slack-webhook-url*',
    reason:
      'the Slack webhook secret (`slackWebhookSecretName`) is created by an operator in each account (runbook), so the URL is never in a template',
  },
];
