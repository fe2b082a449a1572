/** The Control Tower guard's groups, run side by side in worker threads of one child process. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { describe, expect, it } from 'vitest';
import { controlTowerRulesPath } from '../../../compliance/control-tower-guard.js';
import { type GuardGroup, validateSideBySide } from '../../../compliance/private/validate-side-by-side.js';
import { tempDir } from '../../helpers/temp-dir.js';

const dir = tempDir('gm-guard-side-by-side-');

function writeTemplate(name: string, Resources: object): string {
  const path = join(dir, `${name}.template.json`);
  writeFileSync(path, JSON.stringify({ Resources }));
  return path;
}

const bucket = writeTemplate('bucket', { B: { Type: 'AWS::S3::Bucket', Properties: {} } });
const queue = writeTemplate('queue', { Q: { Type: 'AWS::SQS::Queue', Properties: {} } });
const both = writeTemplate('both', {
  B: { Type: 'AWS::S3::Bucket', Properties: {} },
  Q: { Type: 'AWS::SQS::Queue', Properties: {} },
});
const s3Rules = join(controlTowerRulesPath, 's3');
const sqsRules = join(controlTowerRulesPath, 'sqs');

describe('validateSideBySide', () => {
  it("returns each group's report in order, as the validator run on that group alone reports it", () => {
    const groups: GuardGroup[] = [
      { rules: [s3Rules], templatePaths: [bucket, both] },
      { rules: [sqsRules], templatePaths: [queue] },
      { rules: [s3Rules, sqsRules], templatePaths: [both] },
    ];
    const alone = groups.map(({ rules, templatePaths }) =>
      new CfnGuardValidator({ controlTowerRulesEnabled: false, rules }).validate({
        templatePaths,
      } as unknown as IPolicyValidationContext),
    );
    expect(alone.every((report) => report.violations.length > 0)).toBe(true);
    expect(validateSideBySide(groups)).toEqual(alone);
  });

  it("fails with cfn-guard's reason when a run fails", () => {
    expect(() =>
      validateSideBySide([{ rules: [s3Rules], templatePaths: [join(dir, 'missing.template.json')] }]),
    ).toThrow(/cfn-guard runs failed[\s\S]*CfnGuardValidator plugin failed/);
  });
});
