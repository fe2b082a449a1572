import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';

let built: TestStages;
let template: ReturnType<TestStages['template']>;
let config: {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  Origins: Record<string, unknown>[];
  [key: string]: unknown;
};

beforeAll(() => {
  built = buildTestStages();
  template = built.template(built.staging.edge);
  config = resourcesOf(template, 'AWS::CloudFront::Distribution')[0]![1].Properties!
    .DistributionConfig as typeof config;
});

const originOf = (behavior: Record<string, unknown>) =>
  config.Origins.find((o) => o.Id === behavior.TargetOriginId)!;
const headersPolicyId = () => resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![0];

describe('EdgeStack distribution', () => {
  it('serves the site over HTTPS only, cached (CachingOptimized) and compressed, price class 200', () => {
    expect(config).toMatchObject({
      PriceClass: 'PriceClass_200',
      DefaultRootObject: 'index.html',
      Enabled: true,
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: cloudfront.CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      Compress: true,
      ResponseHeadersPolicyId: { Ref: headersPolicyId() },
    });
  });

  it('reads the bucket through Origin Access Control, not a legacy Origin Access Identity', () => {
    const siteOrigin = originOf(config.DefaultCacheBehavior);
    expect(siteOrigin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Oac/), 'Id'] });
    expect(
      (siteOrigin.S3OriginConfig as { OriginAccessIdentity?: string } | undefined)?.OriginAccessIdentity ??
        '',
    ).toBe('');
    expect(resourcesOf(template, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('falls back to the app for deep links in a viewer-request function, so the API keeps its own 403/404 answers', () => {
    // The release router rewrites app routes (/goals/123) to the live release's index.html. A
    // distribution-wide error page would also turn the API's 404 (another user's goal) into 200 HTML.
    const associations = config.DefaultCacheBehavior.FunctionAssociations as {
      EventType: string;
      FunctionARN: unknown;
    }[];
    expect(associations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } },
    ]);
    expect(config.CustomErrorResponses ?? []).toEqual([]);
    const [functionId, fn] = resourcesOf(template, 'AWS::CloudFront::Function')[0]!;
    expect(associations[0]!.FunctionARN).toEqual({ 'Fn::GetAtt': [functionId, 'FunctionARN'] });
    expect(fn.Properties!.FunctionConfig).toMatchObject({
      Runtime: 'cloudfront-js-2.0',
      KeyValueStoreAssociations: [
        { KeyValueStoreARN: { 'Fn::GetAtt': [expect.stringMatching(/^ReleaseStore/), 'Arn'] } },
      ],
    });
  });

  it('routes /api/* uncached to API Gateway’s v1 stage, forwarding Authorization, query strings, cookies and CloudFront-Viewer-Address but not Host', () => {
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0]!;
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
      // The managed AllViewerExceptHostHeader (b689b0a8-…): all viewer headers but Host, plus CloudFront's
      // headers, CloudFront-Viewer-Address among them (the sign-in throttle's client address).
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      ResponseHeadersPolicyId: { Ref: headersPolicyId() },
    });
    const origin = originOf(api);
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    // The origin path is the deployment stage taken from the API's URL: /v1.
    const originPath = JSON.stringify(origin.OriginPath);
    expect(originPath).toMatch(/^\{"Fn::Join":\["",\["\/"/);
    expect(originPath).toMatch(/DeploymentStagev1/);
    built.template(built.staging.api).hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'v1' });
  });
});

describe('EdgeStack origin verification', () => {
  it('sends the API origin X-Origin-Verify as a dynamic reference to the api stack’s secret by name, never a value', () => {
    const apiOrigin = originOf(config.CacheBehaviors[0]!);
    expect(apiOrigin.OriginCustomHeaders).toEqual([
      {
        HeaderName: 'X-Origin-Verify',
        HeaderValue: `{{resolve:secretsmanager:${built.staging.api.originVerifySecretName}:SecretString:::}}`,
      },
    ]);
    // A plain string: no cross-stack import inside the reference.
    expect(built.staging.api.originVerifySecretName).toBe('Staging-Api/OriginVerify');
    const siteOrigin = originOf(config.DefaultCacheBehavior);
    expect(siteOrigin.OriginCustomHeaders ?? []).toEqual([]);
  });
});

describe('EdgeStack security headers', () => {
  const securityHeaders = () =>
    (
      resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![1].Properties!
        .ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;

  it('has a CSP that lets the app call its own /api and load nothing from elsewhere', () => {
    const csp = String(securityHeaders().ContentSecurityPolicy!.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(csp).not.toMatch(/\*|unsafe-inline|unsafe-eval|http:/);
  });

  it('sends HSTS for at least a year, nosniff, DENY framing and a strict referrer policy', () => {
    const headers = securityHeaders();
    expect(Number(headers.StrictTransportSecurity!.AccessControlMaxAgeSec)).toBeGreaterThanOrEqual(
      31_536_000,
    );
    expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
  });

  it('does not add the solutions construct’s own header function (its CSP has no connect-src)', () => {
    const functions = resourcesOf(template, 'AWS::CloudFront::Function').map(([id]) => id);
    expect(functions.filter((id) => /SetHttpSecurityHeaders/.test(id))).toEqual([]);
  });
});

describe('EdgeStack site bucket and outputs', () => {
  it('keeps the site bucket private and encrypted, readable only by this distribution', () => {
    const siteBucketId = (
      originOf(config.DefaultCacheBehavior).DomainName as { 'Fn::GetAtt': [string, string] }
    )['Fn::GetAtt'][0];
    const bucket = template.toJSON().Resources[siteBucketId];
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [expect.anything()] },
    });
    const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find(
      ([, p]) => JSON.stringify(p.Properties!.Bucket) === JSON.stringify({ Ref: siteBucketId }),
    )![1];
    const cloudFrontRead = (
      policy.Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement.find(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }),
    )!;
    expect(JSON.stringify(cloudFrontRead.Condition)).toContain('AWS:SourceArn');
  });

  it('holds the release store and outputs the site URL', () => {
    expect(resourcesOf(template, 'AWS::CloudFront::KeyValueStore')).toHaveLength(1);
    const [output] = Object.values(template.findOutputs('SiteUrl'));
    expect(JSON.stringify(output!.Value)).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::GetAtt":\["SiteCloudFrontDistribution\w+","DomainName"\]\}/,
    );
  });
});
