import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ObservabilityStackProps } from '../../observability-stack.js';

/**
 * Audit trail as designed (all regions, global services, log file validation, CloudWatch Logs),
 * into its own encrypted bucket. Data events are scoped to this stage: invocations of its functions
 * and writes to the site bucket — not every object read of every bucket in the account.
 */
export function createTrail(
  scope: Construct,
  props: Pick<ObservabilityStackProps, 'appName' | 'stageName' | 'siteBucket'>,
  functions: readonly { readonly function: lambda.IFunction }[],
): cloudtrail.Trail {
  const bucket = new s3.Bucket(scope, 'TrailBucket', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    // The audit trail is kept a year (Control Tower's minimum for audit logs).
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Named, so the bucket can hold CloudTrail to this trail alone (aws:SourceArn, as AWS recommends)
  // without a reference from the bucket policy back to the trail, which depends on that policy.
  const trailName = `${props.appName}-${props.stageName}`;
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailOnlyForThisTrail',
      effect: iam.Effect.DENY,
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:GetBucketAcl', 's3:PutObject'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: {
        StringNotEquals: {
          'aws:SourceArn': Stack.of(scope).formatArn({
            service: 'cloudtrail',
            resource: 'trail',
            resourceName: trailName,
          }),
        },
      },
    }),
  );
  const trail = new cloudtrail.Trail(scope, 'Trail', {
    trailName,
    bucket,
    includeGlobalServiceEvents: true,
    isMultiRegionTrail: true,
    enableFileValidation: true,
    sendToCloudWatchLogs: true,
    cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
  });
  trail.addLambdaEventSelector(
    functions.map(({ function: fn }) => fn),
    { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
  );
  trail.addS3EventSelector([{ bucket: props.siteBucket }], {
    readWriteType: cloudtrail.ReadWriteType.WRITE_ONLY,
    includeManagementEvents: false,
  });
  return trail;
}

/** Monthly cost budget; the alert e-mail hears when actual spend passes 80%. */
export function createBudget(
  scope: Construct,
  props: Pick<ObservabilityStackProps, 'appName' | 'stageName' | 'monthlyBudgetUsd' | 'alertEmail'>,
): budgets.CfnBudget {
  return new budgets.CfnBudget(scope, 'MonthlyBudget', {
    budget: {
      budgetName: `${props.appName}-${props.stageName}-monthly`,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
    },
    notificationsWithSubscribers: [
      {
        notification: {
          notificationType: 'ACTUAL',
          comparisonOperator: 'GREATER_THAN',
          threshold: 80,
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [{ subscriptionType: 'EMAIL', address: props.alertEmail }],
      },
    ],
  });
}
