/**
 * The change review against fixture "deployed" templates made from the real synthesized Production
 * stage (synthesized once for the file), as CloudFormation's GetTemplate returns them.
 */
import { UsageError } from '../../../pipeline/cli/command-line.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mangleLikeCloudFormation } from '@aws-cdk/cloudformation-diff';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataLossRisks } from '../../../pipeline/review/data-loss-risks.js';
import { approvalNote, renderMarkdown } from '../../../pipeline/review/render-markdown.js';
import { parseReviewArgs } from '../../../pipeline/review/review-args.js';
import { type ChangeReview, reviewStage, summaryLine } from '../../../pipeline/review/review-stage.js';
import { runReview } from '../../../pipeline/review/run-review.js';
import { stackChanges } from '../../../pipeline/review/stack-changes.js';
import { type StageStack, readStageStacks } from '../../../pipeline/review/stage-assembly.js';
import { parseChangeReviewNote } from '../../../services/notifier/change-review-note.js';
import { costInputsFromConfig } from '../../../pipeline/cost/estimate.js';
import { buildTestStages, exampleConfig } from '../../helpers/test-app.js';

type Template = { Resources: Record<string, Resource> };
type Resource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };

let assemblyDir: string;
let stacks: StageStack[];
const temporary: string[] = [];

beforeAll(() => {
  assemblyDir = buildTestStages({ stages: ['production'] }).app.outdir;
  stacks = readStageStacks(assemblyDir, 'Production');
});
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => rmSync(assemblyDir, { recursive: true, force: true }));

function stack(name: string): StageStack {
  return stacks.find((s) => s.stackName === `Production-${name}`)!;
}
/** A stack's template as CloudFormation would return it once deployed (non-ASCII becomes "?"), to edit. */
function deployedCopy(name: string): Template {
  return JSON.parse(mangleLikeCloudFormation(JSON.stringify(stack(name).template))) as Template;
}
function resourceOfType(template: Template, type: string): [string, Resource] {
  return Object.entries(template.Resources).find(([, resource]) => resource.Type === type)!;
}
/** A deployed-templates directory: every stack as deployed, with `edits` replacing some, `omit` left out. */
function deployedDir(edits: Record<string, Template> = {}, omit: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'gm-review-'));
  temporary.push(dir);
  for (const s of stacks) {
    const name = s.stackName.replace('Production-', '');
    if (omit.includes(name)) continue;
    writeFileSync(join(dir, s.templateFileName), JSON.stringify(edits[name] ?? deployedCopy(name)));
  }
  return dir;
}
const review = (dir: string): ChangeReview =>
  reviewStage({ assemblyDir, deployedDir: dir, stageName: 'Production' });

describe('reading the stage from the cloud assembly', () => {
  it('finds the six stacks of the stage, with their CloudFormation names and template file names', () => {
    expect(stacks.map((s) => s.stackName)).toEqual(
      ['Network', 'Data', 'Workflow', 'Api', 'Edge', 'Observability'].map((n) => `Production-${n}`),
    );
    for (const s of stacks) expect(s.templateFileName).toBe(`${s.artifactId}.template.json`);
    expect(stack('Data').account).toBe('333333333333');
  });

  it('names the stages it has when asked for one it does not', () => {
    expect(() => readStageStacks(assemblyDir, 'Prod')).toThrow(
      /stage "Prod" is not in the assembly .*stages: Production/,
    );
  });
});

describe('the stage reviewed against what is deployed', () => {
  it('unchanged: all zeros and no data-loss risk (non-ASCII text compares as GetTemplate returns it)', () => {
    const result = review(deployedDir());
    expect(result.counts).toEqual({ added: 0, modified: 0, replaced: 0, removed: 0 });
    expect(result.risks).toEqual([]);
    expect(result.stacks.every((s) => s.resources.length === 0 && !s.permissionsBroadened)).toBe(true);
    expect(summaryLine(result)).toBe(
      'review: 0 added, 0 modified, 0 replaced, 0 removed; 0 data-loss risk(s)',
    );
  });

  it('a stack with no deployed template is new: everything in it is added', () => {
    const result = review(deployedDir({}, ['Observability']));
    const observability = result.stacks.find((s) => s.stackName === 'Production-Observability')!;
    const resourceCount = Object.keys((stack('Observability').template as Template).Resources).length;
    expect(observability.isNewStack).toBe(true);
    expect(result.counts).toEqual({ added: resourceCount, modified: 0, replaced: 0, removed: 0 });
    // New IAM statements are a broadening, and called out as one.
    expect(observability.permissionsBroadened).toBe(true);
  });
});

describe('resource changes of one stack', () => {
  it('a resource only in the new template is added', () => {
    const deployed = deployedCopy('Observability');
    const [alarmId] = resourceOfType(deployed, 'AWS::CloudWatch::Alarm');
    delete deployed.Resources[alarmId];
    const changes = stackChanges('Production-Observability', deployed, stack('Observability').template);
    expect(changes.resources).toEqual([expect.objectContaining({ logicalId: alarmId, kind: 'added' })]);
    expect(dataLossRisks(changes)).toEqual([]);
  });

  it('a resource only in the deployed template is removed (no risk for a stateless one)', () => {
    const deployed = deployedCopy('Observability');
    deployed.Resources.RetiredAlarm = resourceOfType(deployed, 'AWS::CloudWatch::Alarm')[1];
    const changes = stackChanges('Production-Observability', deployed, stack('Observability').template);
    expect(changes.resources).toEqual([
      expect.objectContaining({
        logicalId: 'RetiredAlarm',
        kind: 'removed',
        resourceType: 'AWS::CloudWatch::Alarm',
      }),
    ]);
    expect(dataLossRisks(changes)).toEqual([]);
  });

  it('a database whose encryption key changes is replaced: a data-loss risk', () => {
    const deployed = deployedCopy('Data');
    const [clusterId, cluster] = resourceOfType(deployed, 'AWS::RDS::DBCluster');
    cluster.Properties!.KmsKeyId =
      'arn:aws:kms:ap-northeast-1:333333333333:key/00000000-0000-0000-0000-000000000001';
    const changes = stackChanges('Production-Data', deployed, stack('Data').template);
    expect(changes.resources).toContainEqual(
      expect.objectContaining({
        logicalId: clusterId,
        kind: 'replaced',
        mayBeReplaced: false,
        replacingProperties: ['KmsKeyId'],
      }),
    );
    // Its instances follow it (a new cluster identifier), as `cdk diff` shows; they hold no data of their own.
    const instances = changes.resources.filter((r) => r.resourceType === 'AWS::RDS::DBInstance');
    expect(instances.map((r) => r.kind)).toEqual(['replaced', 'replaced']);
    const risks = dataLossRisks(changes);
    expect(risks).toEqual([
      expect.objectContaining({ stackName: 'Production-Data', logicalId: clusterId, kind: 'replaced' }),
    ]);
    expect(risks[0]!.detail).toMatch(
      /changing KmsKeyId replaces the database cluster: the new database cluster starts without/,
    );
    // The cluster's UpdateReplacePolicy is Retain: the approver learns the old one is kept, not deleted.
    expect(risks[0]!.detail).toContain('the old one is kept out of the stack (UpdateReplacePolicy Retain)');
  });

  it('a stand-alone database instance replaced is a risk of its own', () => {
    const deployed = deployedCopy('Data');
    const [instanceId, instance] = resourceOfType(deployed, 'AWS::RDS::DBInstance');
    const { DBClusterIdentifier: _member, ...standAlone } = instance.Properties!;
    instance.Properties = { ...standAlone, Engine: 'postgres' };
    const next = structuredClone(stack('Data').template) as Template;
    next.Resources[instanceId]!.Properties = { ...standAlone, Engine: 'mysql' };
    const risks = dataLossRisks(stackChanges('Production-Data', deployed, next));
    expect(risks).toEqual([expect.objectContaining({ logicalId: instanceId, kind: 'replaced' })]);
  });

  it('an IAM policy gaining an action is a broadening, shown with the added action', () => {
    const deployed = deployedCopy('Api');
    const [policyId, policy] = resourceOfType(deployed, 'AWS::IAM::Policy');
    const statement = (policy.Properties!.PolicyDocument as { Statement: { Action: string[] }[] })
      .Statement[0]!;
    const gained = statement.Action.pop()!;
    const changes = stackChanges('Production-Api', deployed, stack('Api').template);
    expect(changes.resources).toEqual([expect.objectContaining({ logicalId: policyId, kind: 'modified' })]);
    expect(changes.permissionsBroadened).toBe(true);
    const added = changes.iamStatements.filter((row) => row[0] === '+');
    expect(added.map((row) => row[3])).toContainEqual(expect.stringContaining(gained));
    const markdown = renderMarkdown({
      stageName: 'Production',
      stacks: [changes],
      risks: [],
      counts: { added: 0, modified: 1, replaced: 0, removed: 0 },
    });
    expect(markdown).toContain('### IAM changes — permissions broadened');
    expect(markdown).toContain(gained);
  });

  it('a bucket removed without Retain is a data-loss risk; one removed with Retain is not', () => {
    const deployed = deployedCopy('Edge');
    const [, bucket] = resourceOfType(deployed, 'AWS::S3::Bucket');
    deployed.Resources.UploadsBucket = { ...bucket, DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' };
    deployed.Resources.ArchiveBucket = { ...bucket, DeletionPolicy: 'Retain' };
    const changes = stackChanges('Production-Edge', deployed, stack('Edge').template);
    expect(changes.resources.map((r) => [r.logicalId, r.kind])).toEqual(
      expect.arrayContaining([
        ['UploadsBucket', 'removed'],
        ['ArchiveBucket', 'removed'],
      ]),
    );
    const risks = dataLossRisks(changes);
    expect(risks).toEqual([expect.objectContaining({ logicalId: 'UploadsBucket', kind: 'removed' })]);
    expect(risks[0]!.detail).toBe(
      'the bucket leaves the stack with DeletionPolicy Delete: CloudFormation deletes it with its data',
    );
  });

  it('a log group removed with no DeletionPolicy at all is deleted by default: a risk', () => {
    const deployed = deployedCopy('Observability');
    const [, logGroup] = resourceOfType(deployed, 'AWS::Logs::LogGroup');
    const { DeletionPolicy: _kept, UpdateReplacePolicy: _also, ...withoutPolicies } = logGroup;
    deployed.Resources.OldLogs = withoutPolicies as Resource;
    const risks = dataLossRisks(
      stackChanges('Production-Observability', deployed, stack('Observability').template),
    );
    expect(risks.map((r) => [r.logicalId, r.detail])).toEqual([
      [
        'OldLogs',
        'the log group leaves the stack with DeletionPolicy Delete (the default): CloudFormation deletes it with its data',
      ],
    ]);
  });
});

describe('the review document', () => {
  it('puts the data-loss risks first, then each stack, and ends with the summary line', () => {
    const data = deployedCopy('Data');
    resourceOfType(data, 'AWS::RDS::DBCluster')[1].Properties!.KmsKeyId =
      'arn:aws:kms:ap-northeast-1:333333333333:key/other';
    const result = review(deployedDir({ Data: data }));
    const markdown = renderMarkdown(result);
    const lines = markdown.trimEnd().split('\n');
    // The cluster, its two instances and the port rules on its endpoint for the two rotations (master and
    // application login) are replaced; the cluster is the risk.
    expect(lines.at(-1)).toBe('review: 0 added, 0 modified, 5 replaced, 0 removed; 1 data-loss risk(s)');
    expect(markdown.indexOf('## Data-loss risks')).toBeLessThan(markdown.indexOf('## Production-Network'));
    expect(markdown).toMatch(/- \*\*Production-Data\*\* `DatabaseB269D8BB`: changing KmsKeyId replaces/);
    expect(markdown).toContain(
      '| **replaced** | `DatabaseB269D8BB` | AWS::RDS::DBCluster | KmsKeyId (forces replacement) |',
    );
    expect(markdown).toContain('## Production-Network\n\nNo changes.');
  });

  it('gives the approval a one-line note the notifier reads back: summary and each risk', () => {
    const data = deployedCopy('Data');
    resourceOfType(data, 'AWS::RDS::DBCluster')[1].Properties!.KmsKeyId =
      'arn:aws:kms:ap-northeast-1:333333333333:key/other';
    const note = approvalNote(review(deployedDir({ Data: data })));
    expect(note).not.toContain('\n');
    expect(parseChangeReviewNote(`Promote? | ${note}`)).toEqual({
      comment: 'Promote?',
      note: {
        summary: 'review: 0 added, 0 modified, 5 replaced, 0 removed; 1 data-loss risk(s)',
        risks: ['Production-Data DatabaseB269D8BB (AWS::RDS::DBCluster) replaced'],
      },
    });
  });

  it('shows the monthly cost before → after when the review has it', () => {
    const markdown = renderMarkdown({
      stageName: 'Production',
      stacks: [],
      risks: [],
      counts: { added: 0, modified: 0, replaced: 0, removed: 0 },
      cost: { beforeUsd: 41.5, afterUsd: 38 },
    });
    expect(markdown).toContain('Monthly cost: $41.50 → $38.00 (-$3.50)');
  });
});

describe("the stage's monthly cost before → after", () => {
  const costInputs = () => costInputsFromConfig(exampleConfig());
  const withCost = (dir: string) =>
    reviewStage({ assemblyDir, deployedDir: dir, stageName: 'Production', costInputs: costInputs() });

  it('is the same before and after when nothing changes', () => {
    const { cost } = withCost(deployedDir());
    expect(cost!.beforeUsd).toBeGreaterThan(0);
    expect(cost!.afterUsd).toBe(cost!.beforeUsd);
  });

  it('rises by what a new stack costs (the database) when that stack is not deployed yet', () => {
    const { cost } = withCost(deployedDir({}, ['Data']));
    const { cost: unchanged } = withCost(deployedDir());
    expect(cost!.afterUsd).toBe(unchanged!.afterUsd);
    // An Aurora serverless v2 floor is tens of USD a month on its own.
    expect(cost!.afterUsd - cost!.beforeUsd).toBeGreaterThan(10);
    expect(renderMarkdown(withCost(deployedDir({}, ['Data'])))).toMatch(
      /^Monthly cost: \$\d+\.\d\d → \$\d+\.\d\d \(\+\$\d+\.\d\d\)$/m,
    );
  });
});

describe('npm run review', () => {
  it('writes change-review.md and the approval note', () => {
    const dir = deployedDir();
    const out = join(dir, 'change-review.md');
    const note = join(dir, 'note.txt');
    const result = runReview(
      parseReviewArgs(['--deployed', dir, '--assembly', assemblyDir, '--out', out, '--note', note]),
    );
    expect(readFileSync(out, 'utf8')).toBe(result.markdown);
    // cdk.json's usage prices the cost line (unchanged templates: the same before and after).
    expect(result.review.cost!.afterUsd).toBe(result.review.cost!.beforeUsd);
    expect(result.markdown).toContain('Monthly cost: $');
    expect(readFileSync(note, 'utf8')).toBe(
      'review: 0 added, 0 modified, 0 replaced, 0 removed; 0 data-loss risk(s)',
    );
  });

  it('names the problem with its input in one line', () => {
    expect(() => parseReviewArgs([])).toThrow(/^--deployed DIR is required$/);
    expect(() => parseReviewArgs(['--deployed', 'x', '--colour'])).toThrow(UsageError);
    expect(() => parseReviewArgs(['--deployed', 'x', '--colour'])).toThrow(/^unknown option --colour$/);
    const dir = deployedDir();
    writeFileSync(join(dir, stack('Api').templateFileName), '{"Resources": ');
    expect(() =>
      runReview(parseReviewArgs(['--deployed', dir, '--assembly', assemblyDir, '--out', join(dir, 'r.md')])),
    ).toThrow(new RegExp(`${stack('Api').templateFileName}: not JSON`));
    expect(() =>
      runReview(parseReviewArgs(['--deployed', join(dir, 'missing'), '--assembly', assemblyDir])),
    ).toThrow(/--deployed .*missing is not a directory/);
    expect(() => runReview(parseReviewArgs(['--deployed', dir, '--assembly', dir]))).toThrow(
      /is not a cloud assembly/,
    );
  });
});
