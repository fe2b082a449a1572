import { type CfnElement, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { ObservabilityStack } from '../../stages/observability-stack.js';
import type { SiteCanary } from '../../stages/constructs/site-canary.js';
import { accept, allOf, at, resourceOf } from './accept-findings.js';
import { acknowledgeLogGroupEncryption } from './log-group.js';
import { acknowledgeServiceFunction } from './service-function.js';

/** Observability stack: alarms → SNS → Slack notifier and e-mail, the CloudTrail trail and its bucket. */
export function acknowledgeObservabilityStack(stack: ObservabilityStack): void {
  acknowledgeServiceFunction(
    stack.slackNotifier,
    {
      asynchronousSource: 'the alarm topic (SNS)',
      whyLossIsTolerable:
        'every alarm also reaches the alert e-mail subscription of the same topic and stays visible on the dashboard, so a lost Slack post loses no alarm.',
    },
    'Posts to Slack over HTTPS and reads one secret from Secrets Manager; it reaches no VPC resource, and in the VPC it would only add a dependency on the NAT gateway.',
  );
  for (const subscription of allOf(stack, sns.Subscription)) {
    accept(
      subscription,
      [['Serverless', 'Serverless-SNSRedrivePolicy']],
      'Alarm notifications are redundant by design (e-mail and Slack subscriptions on one topic, alarm state on the dashboard), so a redrive queue for undeliverable notifications would hold nothing anyone reads.',
    );
  }

  const trail = stack.trail;
  accept(
    trail,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-CloudTrailEncryptionEnabled'],
      ['cdk-validator-cfnguard', 'cloud_trail_encryption_enabled_check'],
    ],
    'Log files are encrypted at rest with SSE-S3 in the trail bucket (blocked public access, TLS only, versioned) and their integrity is checked by log file validation; SSE-KMS would add a key policy for CloudTrail and every reader.',
  );
  const trailBucket = at(stack, 'TrailBucket');
  accept(
    trailBucket,
    [
      ['AwsSolutions', 'AwsSolutions-S1'],
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketLoggingEnabled'],
      ['cdk-validator-cfnguard', 's3_bucket_logging_enabled_check'],
    ],
    "The trail bucket only receives CloudTrail's log files; reads of them are themselves CloudTrail management events, and server access logs would need another bucket whose access would again be unlogged.",
  );
  accept(
    trailBucket,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
      ['cdk-validator-cfnguard', 's3_bucket_default_encryption_kms_check'],
    ],
    'SSE-S3 (AES-256) at rest; CloudTrail writes with its service principal and the bucket policy denies non-TLS access; SSE-KMS would need CloudTrail and every auditor in the key policy for no additional protection here.',
  );
  accept(
    trailBucket,
    [['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketReplicationEnabled']],
    "The trail is multi-region and its bucket versioned and retained (RETAIN) for a year; cross-region replication of the stage's own audit logs is left to an organisation trail if one is set up.",
  );
  accept(
    trailBucket,
    [['cdk-validator-cfnguard', 's3_bucket_object_lock_enabled_check']],
    'Versioning plus CloudTrail log file validation detect any change to a log file; Object Lock would stop the one-year lifecycle expiry.',
  );
  accept(
    trailBucket,
    [['cdk-validator-cfnguard', 's3_event_notifications_enabled_check']],
    'Nothing reacts to new log files; the trail also streams to CloudWatch Logs, where queries and metric filters read it.',
  );
  accept(
    at(stack, 'Trail/LogsRole/DefaultPolicy'),
    [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
    "CDK writes the trail's CloudWatch Logs role permissions (write to its one log group) as a policy attached to that role only; nothing else can attach it.",
  );
  acknowledgeLogGroupEncryption(at(stack, 'Trail/LogGroup'));

  if (stack.siteCanary) acknowledgeSiteCanary(stack.siteCanary);
  const sharing = stack.node.tryFindChild('MetricsSharing');
  if (sharing) {
    const policy = at(sharing, 'Role/DefaultPolicy');
    accept(
      policy,
      [['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]']],
      'cloudwatch:GetMetricData, GetMetricStatistics and ListMetrics take no resource-level permissions ("*" is the only resource they accept); the role reads metrics only, and only the pipeline account may assume it.',
    );
    accept(
      policy,
      [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
      "The metrics-read statement is attached to the CloudWatch sharing role only (CDK writes it as that role's policy); nothing else can attach it.",
    );
  }
}

/** The production site canary: its run-artifact bucket and the role CloudWatch Synthetics runs it with. */
function acknowledgeSiteCanary(canary: SiteCanary): void {
  const artifacts = at(canary, 'Artifacts');
  accept(
    artifacts,
    [
      ['AwsSolutions', 'AwsSolutions-S1'],
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketLoggingEnabled'],
      ['cdk-validator-cfnguard', 's3_bucket_logging_enabled_check'],
    ],
    "Holds only the canary's own run logs and HAR files of public pages, written by the canary's role; access logs of them would need another bucket holding more than the data itself.",
  );
  accept(
    artifacts,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketVersioningEnabled'],
      ['cdk-validator-cfnguard', 's3_bucket_versioning_enabled_check'],
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketReplicationEnabled'],
      ['cdk-validator-cfnguard', 's3_bucket_object_lock_enabled_check'],
    ],
    'Canary run artifacts are throw-away diagnostics expiring after 30 days; each run writes new objects and nothing overwrites them, so versions, replicas or a lock would keep nothing worth keeping.',
  );
  accept(
    artifacts,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
      ['cdk-validator-cfnguard', 's3_bucket_default_encryption_kms_check'],
    ],
    'SSE-S3 at rest with TLS enforced; the artifacts are screenshots and logs of public pages, and a KMS key would add a key policy for Synthetics and every reader for no protection that matters here.',
  );
  accept(
    artifacts,
    [['cdk-validator-cfnguard', 's3_event_notifications_enabled_check']],
    'Nothing reacts to new run artifacts: the canary publishes its result as the SuccessPercent metric, which the alarm reads.',
  );
  const role = at(canary, 'Canary/ServiceRole');
  const stack = Stack.of(canary);
  const bucketId = stack.getLogicalId(resourceOf(artifacts) as CfnElement);
  accept(
    role,
    [
      ['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]'],
      ['AwsSolutions', `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`],
      [
        'AwsSolutions',
        `AwsSolutions-IAM5[Resource::arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/lambda/cwsyn-*]`,
      ],
    ],
    "CloudWatch Synthetics' documented canary role (aws-synthetics Canary): s3:ListAllMyBuckets and cloudwatch:PutMetricData (limited to the CloudWatchSynthetics namespace) take no resource, run artifacts are new objects under its own bucket, and its log groups are named cwsyn-<canary>-<id> by the service.",
  );
  accept(
    role,
    [
      ['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy'],
      ['Serverless', 'Serverless-LambdaStarPermissions'],
    ],
    "The canary role's inline policy is the one aws-synthetics writes for it (artifact bucket, its log groups, Synthetics metrics); it is attached to that role only and nothing else can use it.",
  );
}
