import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { restrictKeyGrantsToAwsServices } from '../stages/constructs/restrict-key-grants.js';

export interface ArtifactBucketHardeningProps {
  /** The pipeline's artifact bucket (created by CDK Pipelines with a KMS key for cross-account use). */
  readonly artifactBucket: s3.IBucket;
  /**
   * How long build artifacts are kept; a rollback rebuilds from the tagged commit, so old ones are never needed.
   * @default 90 days
   */
  readonly artifactRetention?: Duration;
}

/**
 * Completes the artifact bucket CDK Pipelines creates (KMS-encrypted, TLS-only, private): versioning,
 * server access logs into a bucket of their own, and expiry of old artifacts.
 */
export class ArtifactBucketHardening extends Construct {
  /** Receives the artifact bucket's server access logs. */
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArtifactBucketHardeningProps) {
    super(scope, id);
    const bucket = props.artifactBucket;
    if (!(bucket instanceof s3.Bucket))
      throw new Error('ArtifactBucketHardening needs the bucket CDK Pipelines created');

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // Server access log delivery writes with SSE-S3 only.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const prefix = 'pipeline-artifacts/';
    this.accessLogs.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'S3ServerAccessLogsFromArtifactBucket',
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.accessLogs.arnForObjects(`${prefix}*`)],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': bucket.stack.account },
        },
      }),
    );

    // The L2 cannot switch these on after construction; its CloudFormation resource can.
    const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.versioningConfiguration = { status: 'Enabled' };
    cfnBucket.loggingConfiguration = {
      destinationBucketName: this.accessLogs.bucketName,
      logFilePrefix: prefix,
    };
    // The stage accounts' roles decrypt artifacts directly; nobody needs to hand out the key by grant.
    if (bucket.encryptionKey instanceof kms.Key) restrictKeyGrantsToAwsServices(bucket.encryptionKey);
    const retention = props.artifactRetention ?? Duration.days(90);
    bucket.addLifecycleRule({
      id: 'ExpireOldArtifacts',
      expiration: retention,
      noncurrentVersionExpiration: Duration.days(7),
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    });
  }
}
