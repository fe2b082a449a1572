import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { restrictKeyGrantsToAwsServices } from '../../constructs/restrict-key-grants.js';
import type { ObservabilityStackProps } from '../../observability-stack.js';

/** Alarm topic, encrypted with a rotating customer key that CloudWatch may use to publish. */
export function createAlarmTopic(
  scope: Construct,
  props: Pick<ObservabilityStackProps, 'appName' | 'stageName' | 'alertEmail'>,
): sns.Topic {
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    description: `${props.appName} ${props.stageName} alarm topic`,
    enableKeyRotation: true,
  });
  restrictKeyGrantsToAwsServices(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  const topic = new sns.Topic(scope, 'AlarmTopic', {
    displayName: `${props.appName} ${props.stageName} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
  // A topic policy replaces SNS's default one: without this statement CloudWatch could not publish.
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
  return topic;
}
