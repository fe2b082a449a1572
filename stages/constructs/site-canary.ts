import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as synthetics from 'aws-cdk-lib/aws-synthetics';
import { Construct } from 'constructs';

/** The canary's own script: plain Node.js, tested locally against the local stack. */
const scriptDir = fileURLToPath(new URL('../../services/synthetics/site-check/', import.meta.url));

export interface SiteCanaryProps {
  /** The site's origin (`https://…cloudfront.net`): the page and `/api/health` are loaded from it. */
  readonly siteUrl: string;
  /**
   * Canary name (lowercase letters, digits, `-` and `_`, at most 21 characters); a person types it in
   * the console, and the production bake's alarm names its metric.
   */
  readonly canaryName: string;
  /** @default Duration.minutes(5) */
  readonly interval?: Duration;
}

/**
 * A CloudWatch Synthetics canary loading the site and `/api/health` on a schedule, so the alarms judge
 * real traffic at any hour. Its run artifacts (logs, HAR files) go to
 * an encrypted bucket that keeps them 30 days.
 */
export class SiteCanary extends Construct {
  readonly canary: synthetics.Canary;
  readonly canaryName: string;
  /** Percentage of successful runs per period (100 when every run passed). */
  readonly successPercent: cloudwatch.Metric;

  constructor(scope: Construct, id: string, props: SiteCanaryProps) {
    super(scope, id);
    if (!/^[0-9a-z_-]{1,21}$/.test(props.canaryName)) {
      throw new Error(`SiteCanary: canaryName "${props.canaryName}" must be 1-21 of [0-9a-z_-]`);
    }
    const interval = props.interval ?? Duration.minutes(5);
    const artifacts = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(30) }],
    });
    this.canaryName = props.canaryName;
    this.canary = new synthetics.Canary(this, 'Canary', {
      canaryName: props.canaryName,
      runtime: synthetics.Runtime.SYNTHETICS_NODEJS_PLAYWRIGHT_6_0,
      test: synthetics.Test.custom({ code: synthetics.Code.fromAsset(scriptDir), handler: 'index.handler' }),
      schedule: synthetics.Schedule.rate(interval),
      environmentVariables: { SITE_URL: props.siteUrl },
      artifactsBucketLocation: { bucket: artifacts },
      timeout: Duration.minutes(1),
      successRetentionPeriod: Duration.days(7),
      failureRetentionPeriod: Duration.days(30),
      provisionedResourceCleanup: true,
    });
    // Built from the literal name (not the canary's Ref) so another account's alarm can name it too.
    this.successPercent = new cloudwatch.Metric({
      namespace: 'CloudWatchSynthetics',
      metricName: 'SuccessPercent',
      dimensionsMap: { CanaryName: props.canaryName },
      statistic: cloudwatch.Stats.AVERAGE,
      period: interval,
    });
  }
}
