/** Which cfn-guard rule files can apply to a template, judged by the resource types each names. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  indexGuardRules,
  rulesForTypes,
  templateResourceTypes,
} from '../../compliance/guard-rule-selection.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('gm-guard-rules-');
const rulesDir = join(dir, 'rules');
mkdirSync(join(rulesDir, 's3'), { recursive: true });
writeFileSync(
  join(rulesDir, 's3', 'bucket.guard'),
  `let S3_BUCKET_TYPE = "AWS::S3::Bucket"\nlet POLICY = 'AWS::S3::BucketPolicy'\nrule r when %b not empty { }`,
);
writeFileSync(join(rulesDir, 'queue.guard'), `let Q = 'AWS::SQS::Queue'\nrule q { }`);
writeFileSync(join(rulesDir, 'any.guard'), `rule generic { Resources.* { Type exists } }`);
writeFileSync(join(rulesDir, 'README.md'), `"AWS::Lambda::Function" is not a rule file`);

describe('indexGuardRules', () => {
  it('lists every rule file with the resource types it names, in either quote style', () => {
    const index = indexGuardRules(rulesDir);
    const byName = Object.fromEntries(
      index.map((rule) => [rule.path.slice(rulesDir.length + 1), [...rule.types]]),
    );
    expect(byName).toEqual({
      'any.guard': [],
      'queue.guard': ['AWS::SQS::Queue'],
      's3/bucket.guard': ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
    });
  });
});

describe('rulesForTypes', () => {
  const index = indexGuardRules(rulesDir);
  const names = (types: string[]) =>
    rulesForTypes(index, new Set(types)).map((path) => path.slice(rulesDir.length + 1));

  it('keeps a rule naming any of the template types, and rules naming none', () => {
    expect(names(['AWS::S3::BucketPolicy', 'AWS::IAM::Role'])).toEqual(['any.guard', 's3/bucket.guard']);
  });

  it('leaves out rules for resource types the template does not have', () => {
    expect(names(['AWS::Lambda::Function'])).toEqual(['any.guard']);
  });
});

describe('templateResourceTypes', () => {
  it('reads the distinct resource types of a template', () => {
    const path = join(dir, 't.template.json');
    writeFileSync(
      path,
      JSON.stringify({
        Resources: {
          A: { Type: 'AWS::SQS::Queue' },
          B: { Type: 'AWS::SQS::Queue' },
          C: { Type: 'AWS::IAM::Role' },
        },
      }),
    );
    expect([...templateResourceTypes(path)].sort()).toEqual(['AWS::IAM::Role', 'AWS::SQS::Queue']);
  });

  it('is empty for a template without resources', () => {
    const path = join(dir, 'empty.template.json');
    writeFileSync(path, '{}');
    expect(templateResourceTypes(path).size).toBe(0);
  });
});
