import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ServiceFunction } from '../../constructs/service-function.js';
import type { ObservabilityStackProps } from '../../observability-stack.js';

/** Posts every alarm to Slack; the webhook URL stays in Secrets Manager and is read at run time. */
export function createSlackNotifier(
  scope: Construct,
  alarmTopic: sns.ITopic,
  props: Pick<ObservabilityStackProps, 'stageName' | 'slackWebhookSecretName'>,
): ServiceFunction {
  const webhookSecret = secretsmanager.Secret.fromSecretNameV2(
    scope,
    'SlackWebhookSecret',
    props.slackWebhookSecretName,
  );
  const notifier = new ServiceFunction(scope, 'SlackNotifierFunction', {
    entry: 'services/notifier/handler.ts',
    serviceName: 'notifier',
    description: `Goal Mandala ${props.stageName} alarms to Slack`,
    // The secret's ARN, never its value.
    environment: { SLACK_WEBHOOK_SECRET_ID: webhookSecret.secretArn },
  });
  webhookSecret.grantRead(notifier);
  alarmTopic.addSubscription(new subscriptions.LambdaSubscription(notifier));
  return notifier;
}
