import { Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudFrontToS3 } from '@aws-solutions-constructs/aws-cloudfront-s3';
import type { Construct } from 'constructs';

export interface EdgeStackProps extends StackProps {
  /** The API served under `/api/*` on the same origin as the site. */
  readonly restApi: apigateway.IRestApi;
}

/** Site bucket + CloudFront (OAC), `/api/*` to API Gateway, security headers, release switching store. */
export class EdgeStack extends Stack {
  readonly distribution: cloudfront.IDistribution;
  readonly siteBucket: s3.IBucket;
  /** Holds the active / candidate release pointers for blue/green switching. */
  readonly releaseStore: cloudfront.KeyValueStore;
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);

    const releaseStore = new cloudfront.KeyValueStore(this, 'ReleaseStore', {
      comment: 'Goal Mandala active and candidate frontend releases',
    });

    const apiOrigin = new origins.RestApiOrigin(props.restApi as apigateway.RestApi);
    const site = new CloudFrontToS3(this, 'Site', {
      insertHttpSecurityHeaders: false,
      cloudFrontDistributionProps: {
        priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
        defaultRootObject: 'index.html',
        additionalBehaviors: {
          '/api/*': {
            origin: apiOrigin,
            viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
            cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
            originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          },
        },
      },
    });

    this.distribution = site.cloudFrontWebDistribution;
    this.siteBucket = site.s3BucketInterface;
    this.releaseStore = releaseStore;
    this.siteUrl = `https://${site.cloudFrontWebDistribution.distributionDomainName}`;
  }
}
