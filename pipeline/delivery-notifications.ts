import { Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as notifications from 'aws-cdk-lib/aws-codestarnotifications';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ServiceFunction } from '../stages/constructs/service-function.js';
import { restrictKeyGrantsToAwsServices } from '../stages/constructs/restrict-key-grants.js';

export interface DeliveryNotificationsProps {
  /** The delivery pipeline whose runs are reported. */
  readonly pipeline: codepipeline.IPipeline;
  /** Name of the Secrets Manager secret (in the toolchain account) holding the Slack webhook URL. */
  readonly slackWebhookSecretName: string;
  /**
   * The stage that bakes under alarms (pipeline/stage-bake.ts): Slack hears when its bake passed.
   * @default - no bake announced
   */
  readonly bake?: { readonly stageName: string; readonly minutes: number };
}

/**
 * The pipeline events sent to Slack: a run started (or a rollback), succeeded or failed, an approval is
 * waiting, and a stage succeeded (the notifier announces only the baked stage's: its bake passed).
 */
export const NOTIFIED_PIPELINE_EVENTS: readonly codepipeline.PipelineNotificationEvents[] = [
  codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_STARTED,
  codepipeline.PipelineNotificationEvents.STAGE_EXECUTION_SUCCEEDED,
  codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_SUCCEEDED,
  codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_FAILED,
  codepipeline.PipelineNotificationEvents.MANUAL_APPROVAL_NEEDED,
];

/**
 * Pipeline run notifications → SNS (KMS-encrypted) → the Slack notifier.
 * CDK Pipelines' approval step does not announce that it is waiting; a CodeStar notification rule on
 * the pipeline does, in the same message format as the run events.
 */
export class DeliveryNotifications extends Construct {
  readonly topic: sns.Topic;
  readonly notifier: ServiceFunction;

  constructor(scope: Construct, id: string, props: DeliveryNotificationsProps) {
    super(scope, id);

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the delivery pipeline notification topic',
      enableKeyRotation: true,
    });
    restrictKeyGrantsToAwsServices(key);
    // CodeStar Notifications publishes into the encrypted topic, and may use the key only through SNS.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    // The production bake's alarms (pipeline/stage-bake.ts) publish here too: why a release rolled back.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    // The notification rule's grants (aws-cdk-lib's) name CodeStar Notifications without a condition:
    // these hold it to this account's rules (aws:SourceAccount, as AWS recommends for the topic) and
    // the key to use through SNS.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CodeStarNotificationsOnlyForThisAccount',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringNotEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CodeStarNotificationsOnlyThroughSns',
        effect: iam.Effect.DENY,
        principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringNotEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );

    const webhookSecret = secretsmanager.Secret.fromSecretNameV2(
      this,
      'SlackWebhook',
      props.slackWebhookSecretName,
    );
    this.notifier = new ServiceFunction(this, 'SlackNotifier', {
      entry: 'services/notifier/handler.ts',
      serviceName: 'delivery-notifier',
      description: 'Posts delivery pipeline events to Slack',
      // The secret's name, never its value: the function reads it at run time.
      environment: {
        SLACK_WEBHOOK_SECRET_ID: webhookSecret.secretName,
        ...(props.bake && { BAKED_STAGE: props.bake.stageName, BAKE_MINUTES: String(props.bake.minutes) }),
      },
    });
    webhookSecret.grantRead(this.notifier);
    this.topic.addSubscription(new subscriptions.LambdaSubscription(this.notifier));

    props.pipeline.notifyOn('SlackNotifications', this.topic, {
      events: [...NOTIFIED_PIPELINE_EVENTS],
      detailType: notifications.DetailType.FULL,
    });
  }
}
