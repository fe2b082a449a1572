/**
 * ParallelCfnGuard must report exactly what one CfnGuardValidator run over all templates reports,
 * and must never reuse an early run for a template that changed since.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { describe, expect, it } from 'vitest';
import { ParallelCfnGuard, shareTemplates } from '../../compliance/parallel-cfn-guard.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-parallel-guard-'));

/** A template with `count` buckets, unencrypted and unversioned unless `compliant` (Control Tower S3 rules fail). */
function writeTemplate(name: string, count: number, compliant = false): string {
  const Resources = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `Bucket${i}`,
      {
        Type: 'AWS::S3::Bucket',
        Properties: compliant
          ? {
              BucketEncryption: {
                ServerSideEncryptionConfiguration: [
                  { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } },
                ],
              },
              VersioningConfiguration: { Status: 'Enabled' },
            }
          : {},
      },
    ]),
  );
  const path = join(dir, `${name}.template.json`);
  writeFileSync(path, JSON.stringify({ Resources }, null, 1));
  return path;
}

/** A template mixing types: an unencrypted queue, a role allowing `*`, a bucket, and a type no rule names. */
function writeMixedTemplate(name: string): string {
  const path = join(dir, `${name}.template.json`);
  const Resources = {
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'all',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
          },
        ],
      },
    },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Wait: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
  };
  writeFileSync(path, JSON.stringify({ Resources }, null, 1));
  return path;
}

const context = (templatePaths: string[]) => ({ templatePaths }) as unknown as IPolicyValidationContext;

describe('ParallelCfnGuard', () => {
  const templates = [
    writeTemplate('a', 3),
    writeTemplate('b', 1),
    writeTemplate('c', 5, true),
    writeTemplate('d', 2),
    writeMixedTemplate('e'),
  ];

  it('reports what a single cfn-guard run with every rule reports, in the same order', () => {
    const single = new CfnGuardValidator().validate(context(templates));
    const parallel = new ParallelCfnGuard({}, 3).validate(context(templates));
    const mixedRules = new Set(
      single.violations
        .filter((v) => v.violatingResources.some((r) => r.templatePath?.endsWith('e.template.json')))
        .map((v) => v.ruleName),
    );
    expect(mixedRules.size).toBeGreaterThan(2);
    expect(parallel).toEqual(single);
  });

  it('checks a template again when it changed after an early start', () => {
    const guard = new ParallelCfnGuard({}, 2);
    const changing = writeTemplate('changing', 2, true);
    guard.prestart([changing, templates[2]!]);
    writeTemplate('changing', 2); // now non-compliant
    const report = guard.validate(context([changing, templates[2]!]));
    expect(report).toEqual(new CfnGuardValidator().validate(context([changing, templates[2]!])));
    expect(report.success).toBe(false);
  });

  it('uses an early start for unchanged templates and checks the others when asked', () => {
    const guard = new ParallelCfnGuard({}, 2);
    guard.prestart(templates.slice(0, 2));
    expect(guard.validate(context(templates))).toEqual(new CfnGuardValidator().validate(context(templates)));
  });

  it('shares templates by size, each share in input order', () => {
    const shares = shareTemplates(templates, 2);
    expect(shares.flat().sort()).toEqual([...templates].sort());
    expect(shares).toHaveLength(2);
    for (const share of shares) expect(share).toEqual(templates.filter((t) => share.includes(t)));
  });
});
