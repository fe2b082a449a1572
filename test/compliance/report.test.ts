import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  collectFindings,
  type AssemblyStack,
  type ValidationReportJson,
} from '../../compliance/report/findings.js';
import { renderJunit } from '../../compliance/report/junit.js';
import { renderMarkdown } from '../../compliance/report/markdown.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/validation-report.json', import.meta.url), 'utf8'),
) as ValidationReportJson;

const stacks: AssemblyStack[] = [
  { path: 'GoalMandalaPipeline/Staging/Api', stage: 'Staging', stack: 'Api' },
  { path: 'GoalMandalaPipeline/Staging/Edge', stage: 'Staging', stack: 'Edge' },
  { path: 'GoalMandalaPipeline/Production/Api', stage: 'Production', stack: 'Api' },
  { path: 'GoalMandalaPipeline/Production/Edge', stage: 'Production', stack: 'Edge' },
  { path: 'GoalMandalaPipeline', stage: '(app)', stack: 'GoalMandalaPipeline' },
];
const packs = ['AwsSolutions', 'Serverless', 'cdk-validator-cfnguard'];
const context = { packs, stacks };

describe('collectFindings', () => {
  it('makes one finding per rule and resource, placed in the innermost stack', () => {
    const findings = collectFindings(fixture, stacks);
    expect(findings).toHaveLength(5);
    const bucket = findings.find((f) => f.constructPath.endsWith('S3LoggingBucket/Resource'))!;
    expect([bucket.stage, bucket.stack]).toEqual(['Production', 'Edge']);
    const artifacts = findings.find((f) => f.constructPath.includes('ArtifactsBucket'))!;
    expect([artifacts.stage, artifacts.stack]).toEqual(['(app)', 'GoalMandalaPipeline']);
  });

  it('keeps the reason and where the acknowledgement was made', () => {
    const production = collectFindings(fixture, stacks).find(
      (f) => f.stage === 'Production' && f.rule === 'AwsSolutions-SMG4',
    )!;
    expect(production.acknowledgement).toEqual({
      reason: 'Signing key rotation would sign every user out; rotated by a runbook each quarter.',
      at: 'GoalMandalaPipeline/Production/Api/JwtSigningSecret',
    });
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(fixture, context);

  it('states the verdict and counts per pack, including packs without findings', () => {
    expect(markdown).toMatch(
      /^# Compliance report\n\n\*\*FAIL\*\*: 3 unacknowledged finding\(s\); 2 acknowledged\./,
    );
    expect(markdown).toContain('| AwsSolutions | 1 | 2 |');
    expect(markdown).toContain('| Serverless | 0 | 0 |');
    expect(markdown).toContain('| cdk-validator-cfnguard | 2 | 0 |');
  });

  it('groups by stage (pipeline stack first, then stages in assembly order), stack and pack', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
    expect(headings).toEqual([
      '# Compliance report',
      '## Unacknowledged findings',
      '## Stage (app)',
      '### Stack GoalMandalaPipeline',
      '#### cdk-validator-cfnguard: 1 unacknowledged, 0 acknowledged',
      '## Stage Staging',
      '### Stack Api',
      '#### AwsSolutions: 1 unacknowledged, 1 acknowledged',
      '## Stage Production',
      '### Stack Api',
      '#### AwsSolutions: 0 unacknowledged, 1 acknowledged',
      '### Stack Edge',
      '#### cdk-validator-cfnguard: 1 unacknowledged, 0 acknowledged',
    ]);
  });

  it('lists what blocks the release right after the counts', () => {
    const blocking = markdown.slice(
      markdown.indexOf('## Unacknowledged findings'),
      markdown.indexOf('## Stage'),
    );
    expect(blocking.trim().split('\n').slice(1).filter(Boolean)).toEqual([
      '- (app) / GoalMandalaPipeline / cdk-validator-cfnguard: **s3_bucket_logging_enabled_check** `GoalMandalaPipeline/Pipeline/ArtifactsBucket/Resource`',
      '- Staging / Api / AwsSolutions: **AwsSolutions-IAM5[Resource::*]** `GoalMandalaPipeline/Staging/Api/AuthFunction/ServiceRole/DefaultPolicy/Resource`',
      '- Production / Edge / cdk-validator-cfnguard: **s3_bucket_logging_enabled_check** `GoalMandalaPipeline/Production/Edge/Site/S3LoggingBucket/Resource`',
    ]);
  });

  it('lists unacknowledged findings before acknowledged ones, each acknowledgement with its reason', () => {
    const staging = markdown.slice(
      markdown.indexOf('## Stage Staging'),
      markdown.indexOf('## Stage Production'),
    );
    expect(staging.indexOf('Unacknowledged:')).toBeLessThan(staging.indexOf('Acknowledged:'));
    expect(staging).toContain(
      '- **AwsSolutions-IAM5[Resource::*]** (error) `GoalMandalaPipeline/Staging/Api/AuthFunction/ServiceRole/DefaultPolicy/Resource`',
    );
    expect(staging).toContain(
      '- **AwsSolutions-SMG4** `GoalMandalaPipeline/Staging/Api/JwtSigningSecret/Resource`: Signing key rotation would sign every user out',
    );
    expect(markdown).toContain('(acknowledged on `GoalMandalaPipeline/Production/Api/JwtSigningSecret`)');
  });

  it('passes when every finding is acknowledged', () => {
    const acknowledgedOnly: ValidationReportJson = {
      pluginReports: fixture.pluginReports.map((p) => ({ ...p, conclusion: 'success', violations: [] })),
    };
    expect(renderMarkdown(acknowledgedOnly, context)).toContain(
      '**PASS**: no unacknowledged findings; 2 acknowledged',
    );
  });

  it('fails, naming the pack, when a pack could not run', () => {
    const crashed: ValidationReportJson = {
      pluginReports: [
        {
          pluginName: 'cdk-validator-cfnguard',
          conclusion: 'failure',
          violations: [],
          metadata: { error: 'cfn-guard: not found' },
        },
      ],
    };
    const markdown = renderMarkdown(crashed, context);
    expect(markdown).toContain('**FAIL**: 0 unacknowledged finding(s) and 1 pack(s) that could not run');
    expect(markdown).toContain('> **cdk-validator-cfnguard could not run:** cfn-guard: not found');
  });
});

describe('renderJunit', () => {
  const xml = renderJunit(fixture, context);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(xml);
  type Case = {
    name: string;
    classname: string;
    failure?: { message: string };
    skipped?: { message: string };
  };
  const suites = parsed.testsuites.testsuite as {
    name: string;
    tests: string;
    failures: string;
    skipped: string;
    testcase: Case[];
  }[];

  it('is well-formed XML with one suite per pack', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(suites.map((s) => s.name)).toEqual(packs);
  });

  it('has a test case per rule × resource: failures for unacknowledged, skipped with the reason for acknowledged', () => {
    const aws = suites.find((s) => s.name === 'AwsSolutions')!;
    const iam = aws.testcase.find((c) => c.name.startsWith('AwsSolutions-IAM5[Resource::*] '))!;
    expect(iam.classname).toBe('Staging.Api');
    expect(iam.failure?.message).toBe('The IAM entity contains wildcard permissions & <no> evidence.');
    const secrets = aws.testcase.filter((c) => c.name.startsWith('AwsSolutions-SMG4 '));
    expect(secrets.map((c) => c.classname)).toEqual(['Staging.Api', 'Production.Api']);
    expect(secrets[0]!.skipped?.message).toBe(
      'Acknowledged: Signing key rotation would sign every user out; rotated by a runbook each quarter.',
    );
    expect(secrets[0]!.failure).toBeUndefined();
    expect([aws.tests, aws.failures, aws.skipped]).toEqual(['4', '2', '2']);
  });

  it('shows a clean pack as one passing case, so the console shows it ran', () => {
    const serverless = suites.find((s) => s.name === 'Serverless')!;
    expect(serverless.testcase).toHaveLength(1);
    expect(serverless.testcase[0]!.name).toBe('Serverless: no unacknowledged findings');
    expect(serverless.testcase[0]!.failure).toBeUndefined();
  });
});
