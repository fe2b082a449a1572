/** Which cfn-guard rule files can apply to a template, judged by the resource types each checks. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  indexGuardRules,
  rulesForTypes,
  templateResourceTypes,
} from '../../compliance/guard-rule-selection.js';
import { controlTowerRulesPath } from '../../compliance/control-tower-guard.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('gm-guard-rules-');
const rulesDir = join(dir, 'rules');
mkdirSync(join(rulesDir, 's3'), { recursive: true });
// The shape of a Control Tower rule: a template form and a hook form over the same type variables; the
// key type is named only where a reference may point.
writeFileSync(
  join(rulesDir, 's3', 'bucket.guard'),
  [
    '# Checks "AWS::Lambda::Function"? No: comments do not count.',
    'let S3_BUCKET_TYPE = "AWS::S3::Bucket"',
    "let S3_POLICY_TYPE = 'AWS::S3::BucketPolicy'",
    'let buckets = Resources.*[ Type == %S3_BUCKET_TYPE ]',
    'rule r when is_cfn_template(this) %buckets not empty { check_local_references(this, KmsKeyId, "AWS::KMS::Key") }',
    'rule r when is_cfn_hook(%INPUT_DOCUMENT, %S3_BUCKET_TYPE) { }',
    'rule r when is_cfn_hook(%INPUT_DOCUMENT, %S3_POLICY_TYPE) { }',
  ].join('\n'),
);
writeFileSync(
  join(rulesDir, 'queue.guard'),
  `rule q when is_cfn_hook(%INPUT_DOCUMENT, 'AWS::SQS::Queue') { }`,
);
writeFileSync(
  join(rulesDir, 'any.guard'),
  `let T = "AWS::SNS::Topic"\nrule generic { Resources.* { Type exists } }`,
);
writeFileSync(join(rulesDir, 'unknown.guard'), `rule u when is_cfn_hook(%INPUT_DOCUMENT, %ELSEWHERE) { }`);
writeFileSync(
  join(rulesDir, 'README.md'),
  `is_cfn_hook(%INPUT_DOCUMENT, "AWS::Lambda::Function") is not a rule file`,
);

describe('indexGuardRules', () => {
  it('lists every rule file with the resource types its hook clauses name, through variables or literals', () => {
    const index = indexGuardRules(rulesDir);
    const byName = Object.fromEntries(
      index.map((rule) => [rule.path.slice(rulesDir.length + 1), [...rule.types]]),
    );
    expect(byName).toEqual({
      'any.guard': [],
      'queue.guard': ['AWS::SQS::Queue'],
      's3/bucket.guard': ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'],
      'unknown.guard': [],
    });
  });
});

describe('rulesForTypes', () => {
  const index = indexGuardRules(rulesDir);
  const names = (types: string[]) =>
    rulesForTypes(index, new Set(types)).map((path) => path.slice(rulesDir.length + 1));

  it('keeps a rule checking any of the template types, and rules whose types are unknown', () => {
    expect(names(['AWS::S3::BucketPolicy', 'AWS::IAM::Role'])).toEqual([
      'any.guard',
      's3/bucket.guard',
      'unknown.guard',
    ]);
  });

  it('leaves out rules for types the template does not have, and for types only referenced', () => {
    expect(names(['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::Lambda::Function'])).toEqual([
      'any.guard',
      'unknown.guard',
    ]);
  });
});

describe('the Control Tower rules installed', () => {
  // What the selection relies on, for the rules this project runs: every file has a hook form, and its
  // template form selects resources only by the types the hook form names.
  const rules = indexGuardRules(controlTowerRulesPath);

  it('each name the types they check in hook clauses', () => {
    expect(rules.length).toBeGreaterThan(200);
    expect(rules.filter((rule) => rule.types.size === 0).map((rule) => rule.path)).toEqual([]);
  });

  it('select template resources only by those types', () => {
    const outside = rules.flatMap((rule) => {
      const code = readFileSync(rule.path, 'utf8').replace(/^\s*#.*$/gm, '');
      const variables = new Map(
        [...code.matchAll(/^let\s+(\w+)\s*=\s*["'](AWS::[^"']+)["']/gm)].map((m) => [m[1]!, m[2]!]),
      );
      const selected = [...code.matchAll(/Type\s*==\s*(?:%(\w+)|["'](AWS::[^"']+)["'])/g)]
        .map(([, variable, literal]) => literal ?? variables.get(variable!))
        .filter((type): type is string => type !== undefined);
      return selected.filter((type) => !rule.types.has(type)).map((type) => `${rule.path}: ${type}`);
    });
    expect(outside).toEqual([]);
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
