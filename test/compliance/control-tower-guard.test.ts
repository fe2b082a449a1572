/**
 * ControlTowerGuard checks each template with only its own rule files: it must report exactly what one
 * CfnGuardValidator run with every rule over all templates reports, in the same order, each as an error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { describe, expect, it } from 'vitest';
import { ControlTowerGuard } from '../../compliance/control-tower-guard.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('gm-control-tower-guard-');

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

describe('ControlTowerGuard', () => {
  const templates = [
    writeTemplate('a', 3),
    writeTemplate('b', 1),
    writeTemplate('c', 5, true),
    writeTemplate('d', 2),
    writeMixedTemplate('e'),
  ];

  it('reports what a single cfn-guard run with every rule reports, in the same order, each as an error', () => {
    const single = new CfnGuardValidator().validate(context(templates));
    const selected = new ControlTowerGuard().validate(context(templates));
    const mixedRules = new Set(
      single.violations
        .filter((v) => v.violatingResources.some((r) => r.templatePath?.endsWith('e.template.json')))
        .map((v) => v.ruleName),
    );
    expect(mixedRules.size).toBeGreaterThan(2);
    expect(single.violations.some((v) => v.severity === undefined)).toBe(true);
    expect(selected).toEqual({
      ...single,
      violations: single.violations.map((v) => ({ ...v, severity: v.severity ?? 'error' })),
    });
  });

  it("keeps the templates' order when templates needing the same rules share one run", () => {
    // f and h need the same rules (one cfn-guard run), g others: the report still lists f, g, h.
    const interleaved = [writeTemplate('f', 2), writeMixedTemplate('g'), writeTemplate('h', 1)];
    const single = new CfnGuardValidator().validate(context(interleaved));
    const selected = new ControlTowerGuard().validate(context(interleaved));
    const templateOrder = selected.violations.map((v) => v.violatingResources[0]!.templatePath);
    expect(new Set(templateOrder).size).toBe(3);
    expect(selected.violations).toEqual(
      single.violations.map((v) => ({ ...v, severity: v.severity ?? 'error' })),
    );
  });
});
