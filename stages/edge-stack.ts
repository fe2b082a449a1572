import { CfnOutput, Duration, SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudFrontToS3 } from '@aws-solutions-constructs/aws-cloudfront-s3';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../services/api/origin-verify.js';
import { releaseRouterCode } from './private/release-router-code.js';
import { roleArn } from './release-publisher-names.js';

export interface EdgeStackProps extends StackProps {
  /** The API served under `/api/*` on the same origin as the site (its `v1` stage path is the origin path). */
  readonly restApi: apigateway.RestApi;
  /**
   * Name of the Secrets Manager secret CloudFront sends the API as X-Origin-Verify (`ApiStack`, which
   * deploys first: this stack depends on it through `restApi`).
   */
  readonly originVerifySecretName: string;
  /**
   * The release publisher role's name (`releasePublisherRoleName`, stages/release-publisher-names.ts):
   * fixed, so the pipeline's steps in the toolchain account can name it.
   */
  readonly releasePublisherRoleName: string;
  /**
   * The only role that may assume the release publisher role: the one the pipeline's frontend release
   * steps run as, in the toolchain account (`releaseRunnerRoleName`).
   * @default - any principal of the stack's own account that its policies allow
   */
  readonly releaseRunner?: { readonly account: string; readonly roleName: string };
}

/**
 * What the browser may load and call. `connect-src 'self'` is what lets the app reach its own `/api`
 * (the solutions construct's built-in headers have no connect-src and would block it); nothing is
 * loaded from another origin, and the page may not be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

const accessLogBucketProps: s3.BucketProps = {
  versioned: true,
  lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(7) }],
};

/**
 * Site bucket + CloudFront (Origin Access Control), the app's `/api/*` routed to API Gateway on the
 * same origin (so the API needs no CORS), security headers, and the key-value store that says which
 * frontend release is live (blue/green switching).
 */
export class EdgeStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  readonly siteBucket: s3.IBucket;
  /** Holds the active / candidate release pointers for blue/green switching. */
  readonly releaseStore: cloudfront.KeyValueStore;
  /** Security headers on every response, site and API alike. */
  readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** `https://<distribution domain>`. */
  readonly siteUrl: string;
  /** Viewer-request function sending viewers to the active (or previewed candidate) release. */
  readonly releaseRouter: cloudfront.Function;
  /** Uploads releases under `releases/` and switches the pointers; assumed by the pipeline. */
  readonly releasePublisherRole: iam.Role;
  /** What the pipeline's frontend release steps read (pipeline/steps/frontend-release.ts). */
  readonly releaseOutputs: {
    readonly siteBucketName: CfnOutput;
    readonly releaseStoreArn: CfnOutput;
    readonly releasePublisherRoleArn: CfnOutput;
  };

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);

    const releaseStore = new cloudfront.KeyValueStore(this, 'ReleaseStore', {
      comment: 'Goal Mandala active and candidate frontend releases',
    });

    const responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Goal Mandala security headers; the CSP allows the app its own /api',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    // Blue/green: releases live side by side under `releases/<id>/`; this function reads the store's
    // `active` (or, with the preview header/cookie, `candidate`) pointer and rewrites the URI into that
    // release, app routes to its index.html (the SPA fallback). services/edge/release-router.js.
    const releaseRouter = new cloudfront.Function(this, 'ReleaseRouter', {
      comment: 'Routes viewers to the active or previewed frontend release',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      keyValueStore: releaseStore,
      code: cloudfront.FunctionCode.fromInline(releaseRouterCode(releaseStore.keyValueStoreId)),
    });

    // RestApiOrigin sets the origin path to the deployment stage (`/v1`): `/api/health` on the site
    // reaches `/v1/api/health` on API Gateway. X-Origin-Verify tells the API a request came through here
    // (services/api/origin-verify.ts); CloudFront overwrites a viewer's header of that name. The template
    // holds a dynamic reference by name, resolved by CloudFormation at deploy, never the value.
    const apiOrigin = new origins.RestApiOrigin(props.restApi, {
      customHeaders: {
        [ORIGIN_VERIFY_HEADER]: SecretValue.secretsManager(props.originVerifySecretName).unsafeUnwrap(),
      },
    });
    const site = new CloudFrontToS3(this, 'Site', {
      // Its built-in header function has no connect-src and is dropped once release switching adds a
      // viewer-request function; the policy above replaces it.
      insertHttpSecurityHeaders: false,
      // Access logs are for troubleshooting: versioned against tampering, expired after 90 days.
      loggingBucketProps: accessLogBucketProps,
      cloudFrontLoggingBucketProps: accessLogBucketProps,
      cloudFrontLoggingBucketAccessLogBucketProps: accessLogBucketProps,
      cloudFrontDistributionProps: {
        comment: 'Goal Mandala site and API',
        priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
        httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
        defaultRootObject: 'index.html',
        defaultBehavior: {
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          responseHeadersPolicy,
          functionAssociations: [
            { function: releaseRouter, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
          ],
        },
        // No distribution-wide errorResponses: the release router already sends app routes (/goals/123)
        // to the release's index.html, and error pages would also turn the API's own 403/404 answers
        // (another user's goal) into 200 HTML, and fetch a bucket-root /index.html that releases lack.
        additionalBehaviors: {
          '/api/*': {
            origin: apiOrigin,
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
            // Per-user answers: never cached. With caching disabled, this policy forwards every viewer
            // header (Authorization included), the query string (tRPC's ?input=) and cookies — but not
            // Host, which API Gateway needs to be its own domain — and adds CloudFront's own headers,
            // among them CloudFront-Viewer-Address (the viewer's ip:port, from its connection): the
            // address the sign-in throttle counts (services/api/client-address.ts). A custom policy could
            // not do both: "all viewer headers except Host" cannot add CloudFront headers.
            cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
            originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            responseHeadersPolicy,
            compress: true,
          },
        },
      },
    });

    this.distribution = site.cloudFrontWebDistribution;
    this.siteBucket = site.s3BucketInterface;
    this.releaseStore = releaseStore;
    this.responseHeadersPolicy = responseHeadersPolicy;
    this.siteUrl = `https://${site.cloudFrontWebDistribution.distributionDomainName}`;
    this.releaseRouter = releaseRouter;

    // The pipeline runs in the toolchain account; this role is what it assumes here to publish a release
    // (write `releases/*`) and move the pointers. Its name is fixed (the pipeline's policies name it) and
    // it trusts the toolchain account only for the release steps' role: a condition on that role's ARN
    // rather than the role as principal, which IAM would refuse before the role exists and silently
    // break if the role were ever recreated.
    const { releaseRunner } = props;
    this.releasePublisherRole = new iam.Role(this, 'ReleasePublisherRole', {
      roleName: props.releasePublisherRoleName,
      assumedBy: releaseRunner
        ? new iam.AccountPrincipal(releaseRunner.account).withConditions({
            ArnEquals: {
              'aws:PrincipalArn': roleArn(this.partition, releaseRunner.account, releaseRunner.roleName),
            },
          })
        : new iam.AccountRootPrincipal(),
      description: 'Publishes Goal Mandala frontend releases and switches the active one',
    });
    // Read too: HeadObject tells a complete release (its index.html) from a missing one. Releases are
    // immutable, so the publisher may add objects but never delete one.
    this.siteBucket.grantRead(this.releasePublisherRole, 'releases/*');
    this.siteBucket.grantPut(this.releasePublisherRole, 'releases/*');
    this.releasePublisherRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'cloudfront-keyvaluestore:DescribeKeyValueStore',
          'cloudfront-keyvaluestore:GetKey',
          'cloudfront-keyvaluestore:PutKey',
          'cloudfront-keyvaluestore:UpdateKeys',
        ],
        resources: [releaseStore.keyValueStoreArn],
      }),
    );
    this.releaseOutputs = {
      siteBucketName: new CfnOutput(this, 'SiteBucketName', { value: this.siteBucket.bucketName }),
      releaseStoreArn: new CfnOutput(this, 'ReleaseStoreArn', { value: releaseStore.keyValueStoreArn }),
      releasePublisherRoleArn: new CfnOutput(this, 'ReleasePublisherRoleArn', {
        value: this.releasePublisherRole.roleArn,
      }),
    };
  }
}
