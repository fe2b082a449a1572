import { type CfnElement, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { EdgeStack } from '../../stages/edge-stack.js';
import { accept, allOf, at } from './accept-findings.js';

/** Edge stack: CloudFront in front of the site bucket (OAC) and the API, and the solutions construct's log buckets. */
export function acknowledgeEdgeStack(stack: EdgeStack): void {
  const distribution = stack.distribution;
  accept(
    distribution,
    [
      ['AwsSolutions', 'AwsSolutions-CFR4'],
      ['cdk-validator-cfnguard', 'cloudfront_custom_ssl_certificate_check'],
      ['cdk-validator-cfnguard', 'cloudfront_sni_enabled_check'],
      ['cdk-validator-cfnguard', 'cloudfront_security_policy_check'],
    ],
    'The site is served on its *.cloudfront.net name (the configuration has no custom domain), whose default certificate CloudFront manages and which cannot take a custom certificate, SNI setting or TLS security policy; viewers are redirected to HTTPS.',
  );
  accept(
    distribution,
    [['AwsSolutions', 'AwsSolutions-CFR7']],
    'False positive: the S3 origin uses the Origin Access Control the solutions construct creates (CfnOriginAccessControl on the origin), which cdk-nag does not recognise; there is no Origin Access Identity.',
  );
  accept(
    distribution,
    [['AwsSolutions', 'AwsSolutions-CFR1']],
    'The app is offered worldwide (PriceClass 200 covers Japan and the rest of Asia); there is no legal reason to block any country.',
  );
  accept(
    distribution,
    [['AwsSolutions', 'AwsSolutions-CFR2']],
    'No web ACL: the site is static files and the API is throttled at its stage (100 rps, burst 200); a WAF is a cost decision left to the operators (README compliance section).',
  );
  accept(
    distribution,
    [['cdk-validator-cfnguard', 'cloudfront_origin_failover_enabled_check']],
    "One bucket in one region is the origin and /api/* goes to the stage's one API; a failover origin group would need a replicated bucket and a second API for an app with no availability target that needs it.",
  );

  const siteBucket = stack.siteBucket.node.path;
  for (const bucket of allOf(stack, s3.Bucket)) {
    const isSite = bucket.node.path === siteBucket;
    accept(
      bucket,
      [
        ['NIST.800.53.R5', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
        ['cdk-validator-cfnguard', 's3_bucket_default_encryption_kms_check'],
      ],
      isSite
        ? 'SSE-S3 (AES-256) at rest: the bucket holds the built web app that CloudFront serves to everyone, nothing confidential; SSE-KMS would need the distribution in the key policy for no gain.'
        : 'SSE-S3 (AES-256) at rest: S3 server access logs and CloudFront standard logs can only be delivered to buckets without SSE-KMS default encryption.',
    );
    accept(
      bucket,
      [['NIST.800.53.R5', 'NIST.800.53.R5-S3BucketReplicationEnabled']],
      isSite
        ? 'The content is reproducible: the pipeline rebuilds and uploads every release from git, so a replica would protect nothing that cannot be rebuilt.'
        : 'Access logs for troubleshooting, expired after 90 days; a cross-region replica would double their cost and protect nothing the app needs.',
    );
    accept(
      bucket,
      [['cdk-validator-cfnguard', 's3_bucket_object_lock_enabled_check']],
      isSite
        ? 'Versioning already keeps overwritten objects; Object Lock would make every uploaded release undeletable for its retention period, so old releases could never be removed.'
        : 'Object Lock would stop the 90-day lifecycle expiry of these access logs; versioning already keeps overwritten log objects for 7 days.',
    );
    accept(
      bucket,
      [['cdk-validator-cfnguard', 's3_event_notifications_enabled_check']],
      'Nothing reacts to objects arriving here; writes to the site bucket are recorded by the CloudTrail trail (S3 data events) in the observability stack.',
    );
  }

  for (const id of ['S3LoggingBucket', 'CloudfrontLoggingBucketAccessLog']) {
    accept(
      at(stack, `Site/${id}`),
      [['cdk-validator-cfnguard', 's3_bucket_logging_enabled_check']],
      'This bucket is itself the access-log target of another bucket; logging its own access would need yet another bucket whose logs would again be unlogged.',
    );
  }
  accept(
    at(stack, 'Site/CloudfrontLoggingBucket'),
    [
      ['cdk-validator-cfnguard', 's3_bucket_acl_prohibited_check'],
      ['CloudFormation Validate', 'W3045'],
    ],
    "CloudFront standard logs are written by the awslogsdelivery account through the bucket ACL, so this one bucket must keep ACLs enabled (solutions construct); it is private and only receives CloudFront's log files.",
  );

  const publisherPolicy = at(stack, 'ReleasePublisherRole/DefaultPolicy');
  const siteBucketId = Stack.of(stack).getLogicalId(stack.siteBucket.node.defaultChild as CfnElement);
  accept(
    publisherPolicy,
    [
      ['AwsSolutions', 'AwsSolutions-IAM5[Action::s3:GetObject*]'],
      ['AwsSolutions', 'AwsSolutions-IAM5[Action::s3:GetBucket*]'],
      ['AwsSolutions', 'AwsSolutions-IAM5[Action::s3:List*]'],
      ['AwsSolutions', 'AwsSolutions-IAM5[Action::s3:Abort*]'],
      ['AwsSolutions', `AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/releases/*]`],
    ],
    "CDK's grantRead and grantPut action groups (Abort* ends failed multipart uploads) on the releases/ prefix of this stage's site bucket only: the pipeline can add a release and read it back, never delete or touch anything else.",
  );
  accept(
    publisherPolicy,
    [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
    "CDK writes the release publisher's statements (releases/ prefix, the release store) as a policy attached to that role only; nothing else can attach it.",
  );
}
