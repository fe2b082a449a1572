/**
 * The real app — the pipeline stack with both stages, composed as bin/app.ts does, from cdk.json's
 * context — synthesized once with every compliance pack, as `cdk synth` runs in the pipeline's build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type IPolicyValidationContext, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_REASON_LENGTH, acknowledgedHere } from '../../compliance/acknowledge.js';
import { PACK_NAMES } from '../../compliance/pack-names.js';
import { ControlTowerGuard } from '../../compliance/control-tower-guard.js';
import { registerCompliance } from '../../compliance/register.js';
import { assemblyStacks } from '../../compliance/report/assembly-stacks.js';
import {
  collectFindings,
  collectPackFailures,
  type AssemblyStack,
  type ReportedFinding,
  type ValidationReportJson,
} from '../../compliance/report/findings.js';
import { readCdkJsonConfig, readAppContext } from '../../pipeline/config.js';
import { PipelineStack } from '../../pipeline/pipeline-stack.js';
import { tempDir } from '../helpers/temp-dir.js';

interface Acknowledgement {
  readonly construct: IConstruct;
  readonly id: string;
  readonly reason: string;
}

let outdir: string;
let report: ValidationReportJson;
let stacks: AssemblyStack[];
let findings: ReportedFinding[];
let acknowledgements: Acknowledgement[];

beforeAll(() => {
  const context = readAppContext();
  outdir = tempDir('gm-compliance-');
  const app = new App({ outdir, context });
  const config = readCdkJsonConfig();
  registerCompliance(app, { backupWindowUtc: config.backupWindowUtc });
  new PipelineStack(app, 'GoalMandalaPipeline', {
    config,
    appVersion: '0123456789abcdef0123456789abcdef01234567',
  });
  try {
    app.synth();
  } catch (error) {
    // Unacknowledged findings fail synth; the report is written first, and the tests below name them.
    if (!/Validation failed|Acknowledge with/.test(String(error))) throw error;
  }
  report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  stacks = assemblyStacks(outdir);
  findings = collectFindings(report, stacks);
  acknowledgements = app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          construct,
          id,
          reason,
        })),
      ),
  );
}, 900_000);

describe('the real app', () => {
  it('has the pipeline stack and both stages, six stacks each', () => {
    expect(
      stacks
        .filter((s) => s.stage === 'Staging')
        .map((s) => s.stack)
        .sort(),
    ).toEqual(['Api', 'Data', 'Edge', 'Network', 'Observability', 'Workflow']);
    expect(stacks.filter((s) => s.stage === 'Production')).toHaveLength(6);
    expect(stacks.filter((s) => s.stage === '(app)').map((s) => s.stack)).toEqual(['GoalMandalaPipeline']);
  });

  it.each(PACK_NAMES)('has no unacknowledged finding in %s', (pack) => {
    const open = findings
      .filter((f) => f.pack === pack && !f.acknowledgement)
      .map((f) => `${f.rule} ${f.constructPath}`);
    expect(open).toEqual([]);
  });

  it("ran aws-cdk-lib's built-in CloudFormation validation once", () => {
    expect(report.pluginReports.filter((p) => p.pluginName === 'CloudFormation Validate')).toHaveLength(1);
  });

  it('ran every pack to completion', () => {
    expect(collectPackFailures(report)).toEqual([]);
  });

  it('checked every stack of both stages and the pipeline stack with the packs registered on the app', () => {
    for (const pack of ['AwsSolutions', 'NIST.800.53.R5', 'cdk-validator-cfnguard']) {
      const checked = new Set(findings.filter((f) => f.pack === pack).map((f) => `${f.stage}/${f.stack}`));
      for (const stage of ['Staging', 'Production', '(app)']) {
        expect(
          [...checked].some((s) => s.startsWith(`${stage}/`)),
          `${pack} in ${stage}`,
        ).toBe(true);
      }
    }
    const anyPack = new Set(findings.map((f) => `${f.stage}/${f.stack}`));
    for (const stack of stacks) expect(anyPack.has(`${stack.stage}/${stack.stack}`), stack.path).toBe(true);
  });
});

describe('the Control Tower guard on the real templates', () => {
  it("finds with each template's own rule files exactly what every rule file finds", () => {
    // Three stacks of different resource mixes, to keep the full (slow) run short.
    const stagingDir = join(outdir, 'assembly-GoalMandalaPipeline-Staging');
    const templatePaths = readdirSync(stagingDir)
      .filter((file) => /^GoalMandalaPipelineStaging(Network|Data|Workflow)\w+\.template\.json$/.test(file))
      .map((file) => join(stagingDir, file));
    expect(templatePaths).toHaveLength(3);
    const context = { templatePaths } as unknown as IPolicyValidationContext;
    const everyRule = new CfnGuardValidator().validate(context);
    expect(everyRule.violations.length).toBeGreaterThan(0);
    expect(new ControlTowerGuard().validate(context)).toEqual({
      ...everyRule,
      violations: everyRule.violations.map((v) => ({ ...v, severity: v.severity ?? 'error' })),
    });
  }, 120_000);
});

describe('acknowledgements', () => {
  it('each give a reason of at least 20 characters', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    const short = acknowledgements.filter((a) => a.reason.trim().length < MIN_REASON_LENGTH);
    expect(short.map((a) => `${a.id} at ${a.construct.node.path}: "${a.reason}"`)).toEqual([]);
  });

  it('each target one construct, never a stack, stage or the app', () => {
    const broad = acknowledgements.filter((a) => Stack.isStack(a.construct) || Stage.isStage(a.construct));
    expect(broad.map((a) => `${a.id} at ${a.construct.node.path || '(app)'}`)).toEqual([]);
  });

  it('each name an exact finding, qualified by its pack', () => {
    const unqualified = acknowledgements.filter(
      (a) => !PACK_NAMES.some((pack) => a.id.startsWith(`${pack.replaceAll(' ', '-')}::`)),
    );
    expect(unqualified.map((a) => `${a.id} at ${a.construct.node.path}`)).toEqual([]);
  });

  it('each still match a finding (no stale acknowledgement outlives the resource or the fix)', () => {
    // Ours only: aws-cdk-lib acknowledges a few CloudFormation Validate rules on its own constructs.
    const ours = acknowledgements.filter((a) => acknowledgedHere(a.construct).includes(a.id));
    expect(ours.length).toBeGreaterThan(0);
    const used = new Set(
      report.pluginReports.flatMap((p) =>
        (p.suppressedViolations ?? []).map((s) => `${s.acknowledgedAt}|${s.acknowledgedId}`),
      ),
    );
    const stale = ours.filter((a) => !used.has(`${a.construct.node.path}|${a.id}`));
    expect(stale.map((a) => `${a.id} at ${a.construct.node.path}`)).toEqual([]);
  });

  it('carry their reasons into the report for every acknowledged finding', () => {
    const acknowledged = findings.filter((f) => f.acknowledgement);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const f of acknowledged)
      expect(f.acknowledgement!.reason.length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
  });
});
