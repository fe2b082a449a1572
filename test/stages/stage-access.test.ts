/**
 * Access other principals need to a stage's resources, read from the stage's written assembly: CloudWatch
 * publishing alarms into the encrypted topic (a topic policy replaces SNS's default one), CloudTrail
 * writing only for this stage's trail, and the release publisher role under the name the pipeline uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { releasePublisherRoleName } from '../../stages/release-publisher-names.js';
import { buildTestStages, resourcesOf, type TestStages } from '../helpers/test-app.js';

let built: TestStages;

beforeAll(() => {
  built = buildTestStages();
});

describe('the stage alarm topic', () => {
  it('lets CloudWatch publish, for this account only, and use the key that encrypts it', () => {
    const template = built.template(built.staging.observability);
    const [[topicId, topic]] = resourcesOf(template, 'AWS::SNS::Topic') as [
      [string, { Properties: Record<string, unknown> }],
    ];
    const [[, policy]] = resourcesOf(template, 'AWS::SNS::TopicPolicy');
    expect(policy.Properties!.Topics).toEqual([{ Ref: topicId }]);
    expect((policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual({
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topicId },
      Condition: { StringEquals: { 'aws:SourceAccount': built.config.staging.account } },
    });
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const key = template.toJSON().Resources[keyId].Properties;
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': built.config.staging.account } },
      }),
    );
  });
});

describe('the trail bucket', () => {
  it('refuses CloudTrail for any trail but this stage’s, named so the bucket can say so', () => {
    const template = built.template(built.staging.observability);
    const [[, trail]] = resourcesOf(template, 'AWS::CloudTrail::Trail');
    const trailName = `${built.config.appName}-staging`;
    expect(trail.Properties!.TrailName).toBe(trailName);
    const policies = resourcesOf(template, 'AWS::S3::BucketPolicy').map(([, policy]) => policy.Properties!);
    const statements = policies.flatMap(
      (policy) => (policy.PolicyDocument as { Statement: unknown[] }).Statement,
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'CloudTrailOnlyForThisTrail',
        Effect: 'Deny',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:PutObject'],
        Condition: {
          StringNotEquals: {
            'aws:SourceArn': `arn:aws:cloudtrail:${built.config.staging.region}:${built.config.staging.account}:trail/${trailName}`,
          },
        },
      }),
    );
  });
});

describe('the release publisher role', () => {
  it('has the name the pipeline’s release steps assume it by', () => {
    const template = built.template(built.staging.edge);
    const roles = resourcesOf(template, 'AWS::IAM::Role').filter(
      ([, role]) => role.Properties!.RoleName === releasePublisherRoleName(built.config.appName, 'staging'),
    );
    expect(roles).toHaveLength(1);
  });
});
