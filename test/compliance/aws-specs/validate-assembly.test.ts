/**
 * The AWS specification gate on the app's real assembly, synthesized once: the landed assembly passes,
 * and each kind of fault planted in a copy of it is named (template, logical id, path, what AWS expects).
 */
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../compliance/aws-specs/finding.js';
import { validateAssembly } from '../../../compliance/aws-specs/validate-assembly.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { synthesizeAppAssembly } from '../../helpers/written-app-assembly.js';

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
/** The policy document a property holds. */
const documentIn = (properties: Record<string, unknown>, key = 'PolicyDocument') =>
  properties[key] as { Statement: Statement[] };

let landed: string;

beforeAll(() => {
  landed = synthesizeAppAssembly().directory;
});

/** The template file (relative to the assembly) of a stack, e.g. `Staging`'s `Observability`. */
function templateFile(directory: string, stage: string | undefined, stack: string): string {
  const folder = stage ? `assembly-GoalMandalaPipeline-${stage}` : '.';
  const file = readdirSync(join(directory, folder)).find(
    (name) =>
      name.endsWith('.template.json') &&
      name.startsWith(stage ? `GoalMandalaPipeline${stage}${stack}` : stack),
  )!;
  return join(folder, file).replace(/^\.\//, '');
}

/** A copy of the landed assembly with one template changed by `plant`; the findings of the gate on it. */
async function plant(
  stage: string | undefined,
  stack: string,
  change: (template: Template) => void,
): Promise<{ failures: readonly Finding[]; file: string; directory: string }> {
  const directory = tempDir('gm-planted-');
  cpSync(landed, directory, { recursive: true });
  const file = templateFile(directory, stage, stack);
  const template = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Template;
  change(template);
  writeFileSync(join(directory, file), JSON.stringify(template));
  const { failures } = await validateAssembly(directory);
  return { failures, file, directory };
}

function firstOfType(template: Template, type: string, where: (id: string) => boolean = () => true) {
  const entry = Object.entries(template.Resources).find(
    ([id, resource]) => resource.Type === type && where(id),
  );
  if (!entry) throw new Error(`no ${type} in the template`);
  return { logicalId: entry[0], resource: entry[1] };
}

describe('aws:validate on the landed assembly', () => {
  it('passes with no error; the one accepted warning is DescribeLogGroups scoped to ARNs, in each stage', async () => {
    const result = await validateAssembly(landed);
    expect(result.failures).toEqual([]);
    expect(result.templates).toBe(14);
    expect(result.accepted.map(({ finding }) => finding.message)).toEqual([
      expect.stringContaining('logs:DescribeLogGroups only works with Resource "*"'),
      expect.stringContaining('logs:DescribeLogGroups only works with Resource "*"'),
    ]);
  });
});

describe('aws:validate names each planted fault', () => {
  it('a misspelt property set through an escape hatch, at its nested path', async () => {
    let logicalId = '';
    const { failures, file } = await plant('Staging', 'Api', (template) => {
      const fn = firstOfType(template, 'AWS::Lambda::Function');
      logicalId = fn.logicalId;
      fn.resource.Properties.TracingConfig = { Mod: 'Active' };
    });
    expect(failures).toContainEqual({
      severity: 'error',
      check: 'resource-schema',
      template: file,
      logicalId,
      path: 'Properties.TracingConfig.Mod',
      message: expect.stringContaining('unknown property "Mod" (did you mean "Mode"?)'),
    });
  });

  it('an unknown IAM action', async () => {
    let logicalId = '';
    const { failures, file } = await plant('Production', 'Edge', (template) => {
      const policy = firstOfType(template, 'AWS::IAM::Policy', (id) => id.startsWith('ReleasePublisherRole'));
      logicalId = policy.logicalId;
      (documentIn(policy.resource.Properties).Statement[2]!.Action as string[])[1] =
        'cloudfront-keyvaluestore:GetKeys';
    });
    expect(failures).toContainEqual({
      severity: 'error',
      check: 'iam',
      template: file,
      logicalId,
      path: 'Properties.PolicyDocument.Statement[2].Action[1]',
      message: '"cloudfront-keyvaluestore:GetKeys" is not a cloudfront-keyvaluestore action',
    });
  });

  it('an unknown condition key', async () => {
    let logicalId = '';
    const { failures, file } = await plant(undefined, 'GoalMandalaChangeReviewAccess', (template) => {
      const role = firstOfType(template, 'AWS::IAM::Role');
      logicalId = role.logicalId;
      const [statement] = documentIn(role.resource.Properties, 'AssumeRolePolicyDocument').Statement as [
        Statement,
      ];
      statement.Condition = {
        ArnEquals: { 'aws:PrincipleArn': statement.Condition!.ArnEquals!['aws:PrincipalArn'] },
      };
    });
    expect(failures).toContainEqual({
      severity: 'error',
      check: 'iam',
      template: file,
      logicalId,
      path: 'Properties.AssumeRolePolicyDocument.Statement[0].Condition.ArnEquals.aws:PrincipleArn',
      message: `"aws:PrincipleArn" is not a condition key of AWS's authorization reference`,
    });
  });

  it('a Next that names no state', async () => {
    let logicalId = '';
    const { failures, file } = await plant('Staging', 'Workflow', (template) => {
      const machine = firstOfType(template, 'AWS::StepFunctions::StateMachine');
      logicalId = machine.logicalId;
      const [, parts] = (machine.resource.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })[
        'Fn::Join'
      ];
      const index = parts.findIndex((part) => typeof part === 'string' && part.includes('"Next":"'));
      parts[index] = (parts[index] as string).replace(/"Next":"[^"]+"/, '"Next":"NoSuchState"');
    });
    const named = failures.filter((failure) => failure.check === 'state-machine');
    expect(named.length).toBeGreaterThan(0);
    expect(named[0]).toMatchObject({
      template: file,
      logicalId,
      path: expect.stringContaining('DefinitionString'),
    });
    expect(named.map((failure) => failure.message)).toContain(
      "Amazon States Language MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: NoSuchState",
    );
  });

  it('a role name that exists in no template', async () => {
    let logicalId = '';
    const { failures, file } = await plant(undefined, 'GoalMandalaPipeline', (template) => {
      const policy = firstOfType(template, 'AWS::IAM::Policy', (id) =>
        id.startsWith('StagingReleaseRunnerRole'),
      );
      logicalId = policy.logicalId;
      const statement = documentIn(policy.resource.Properties).Statement.find(
        (candidate) => candidate.Action === 'sts:AssumeRole',
      )!;
      statement.Resource = String(statement.Resource).replace(
        'release-publisher',
        'edgeasepublisherrole32957ac4',
      );
    });
    expect(failures).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        check: 'reference',
        template: file,
        logicalId,
        message: expect.stringMatching(
          /^arn:aws:iam::222222222222:role\/\S+edgeasepublisherrole32957ac4 names a iam role of account 222222222222 that no template of the assembly creates under that name/,
        ),
      }),
    );
    // …and the release steps can no longer assume the publisher role.
    expect(failures).toContainEqual(
      expect.objectContaining({ check: 'access-path', message: expect.stringContaining('may not assume') }),
    );
  });

  it('a topic policy without the CloudWatch statement', async () => {
    let topicId = '';
    const { failures, file } = await plant('Production', 'Observability', (template) => {
      const policy = firstOfType(template, 'AWS::SNS::TopicPolicy');
      topicId = (policy.resource.Properties.Topics as [{ Ref: string }])[0].Ref;
      const document = documentIn(policy.resource.Properties);
      document.Statement = document.Statement.filter(
        (statement: { Sid?: string }) => statement.Sid !== 'CloudWatchAlarmsPublish',
      );
    });
    expect(failures).toEqual([
      {
        severity: 'error',
        check: 'access-path',
        template: file,
        logicalId: topicId,
        message: expect.stringMatching(
          /^CloudWatch may not publish the alarms of Production-Observability .* ImplicitlyDenied; a topic policy replaces SNS's default one/,
        ),
      },
    ]);
  });

  it('an API function allowed to read a secret it does not use', async () => {
    let logicalId = '';
    const { failures, file } = await plant('Staging', 'Api', (template) => {
      const fn = firstOfType(template, 'AWS::Lambda::Function', (id) => id.startsWith('HealthFunction'));
      logicalId = fn.logicalId;
      const roleId = (fn.resource.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const jwt = firstOfType(template, 'AWS::SecretsManager::Secret', (id) =>
        id.startsWith('JwtSigningSecret'),
      );
      template.Resources.PlantedReadPolicy = {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'planted',
          Roles: [{ Ref: roleId }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: jwt.logicalId } },
            ],
          },
        },
      };
    });
    expect(failures).toEqual([
      {
        severity: 'error',
        check: 'access-path',
        template: file,
        logicalId,
        message: expect.stringMatching(
          /^can read secret arn:aws:secretsmanager:\S+JwtSigningSecret\S+ \(JwtSigningSecret\w+\), which its environment does not name/,
        ),
      },
    ]);
  });

  it('an attribute its resource type does not have, and an import no stack exports', async () => {
    let logicalId = '';
    const { failures, file } = await plant('Staging', 'Edge', (template) => {
      const role = firstOfType(template, 'AWS::IAM::Policy', (id) => id.startsWith('ReleasePublisherRole'));
      logicalId = role.logicalId;
      documentIn(role.resource.Properties).Statement[2]!.Resource = {
        'Fn::GetAtt': ['ReleaseStoreB133E3AD', 'Arm'],
      };
      documentIn(role.resource.Properties).Statement[1]!.Resource = {
        'Fn::ImportValue': 'Staging-Api:NoSuchExport',
      };
    });
    expect(failures).toContainEqual({
      severity: 'error',
      check: 'reference',
      template: file,
      logicalId,
      path: 'Properties.PolicyDocument.Statement[2].Resource',
      message: expect.stringMatching(/^AWS::CloudFront::KeyValueStore has no attribute "Arm"; it has /),
    });
    expect(failures).toContainEqual({
      severity: 'error',
      check: 'reference',
      template: file,
      logicalId,
      path: 'Properties.PolicyDocument.Statement[1].Resource',
      message:
        'imports "Staging-Api:NoSuchExport", which no stack of 222222222222/ap-northeast-1 in the assembly exports',
    });
  });

  it('a buildspec without a version, and a CloudFront function without a handler', async () => {
    const copy = await plant(undefined, 'GoalMandalaPipeline', (template) => {
      const project = firstOfType(template, 'AWS::CodeBuild::Project', (id) => id.includes('HealthCheck'));
      const source = project.resource.Properties.Source as { BuildSpec: string };
      const buildspec = JSON.parse(source.BuildSpec) as Record<string, unknown>;
      delete buildspec.version;
      source.BuildSpec = JSON.stringify(buildspec);
    });
    expect(copy.failures).toContainEqual(
      expect.objectContaining({
        check: 'buildspec',
        template: copy.file,
        path: 'Properties.Source.BuildSpec',
        message: 'version undefined: CodeBuild takes 0.1 or 0.2',
      }),
    );
    const edge = await plant('Staging', 'Edge', (template) => {
      const fn = firstOfType(template, 'AWS::CloudFront::Function');
      const code = fn.resource.Properties.FunctionCode as { 'Fn::Join': [string, unknown[]] };
      code['Fn::Join'][1] = code['Fn::Join'][1].map((part) =>
        typeof part === 'string' ? part.replaceAll('function handler', 'function handle') : part,
      );
    });
    expect(edge.failures).toContainEqual(
      expect.objectContaining({
        check: 'cloudfront-function',
        template: edge.file,
        path: 'Properties.FunctionCode',
        message: expect.stringContaining('defines no top-level `handler`'),
      }),
    );
  });
});

describe('npm run aws:validate', () => {
  it("runs right after the synth, in the pipeline's build and in CI", () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts['aws:validate']).toBe('tsx bin/aws-validate.ts');
    const next = (file: string, synth: string) => {
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() && !line.startsWith('#'));
      return lines[lines.findIndex((line) => line.startsWith(synth)) + 1];
    };
    expect(next('pipeline/scripts/pipeline-build.sh', 'npm run compliance')).toMatch(
      /^npm run aws:validate\b/,
    );
    // CI runs the synth and what reads its assembly as one chain beside the other checks.
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/'npx cdk synth --quiet && npm run aws:validate && /);
  });

  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/aws-validate.ts', ...args]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run aws:validate \[-- --assembly DIR\]/);
  });

  it('prints each finding on one line and exits 1 when one remains', async () => {
    const { directory } = await plant('Production', 'Observability', (template) => {
      const policy = firstOfType(template, 'AWS::SNS::TopicPolicy');
      documentIn(policy.resource.Properties).Statement[0]!.Action = 'sns:Publishh';
    });
    const { code, stdout } = await run('--assembly', directory);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^error \[iam\] assembly-GoalMandalaPipeline-Production\/\S+Observability\S+\.template\.json › \w+ › Properties\.PolicyDocument\.Statement\[0\]\.Action\[0\]: "sns:Publishh" is not a sns action$/m,
    );
    expect(stdout).toMatch(/^aws:validate: 14 templates, \d+ resources in .*: [1-9]\d* finding\(s\)/m);
  });
});
