/**
 * The estimate of the real stages (both built from cdk.json's example configuration), and `npm run cost`
 * (bin/cost.ts) on their synthesized assembly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetProblem } from '../../../pipeline/cost/budget-check.js';
import { assemblyStacks } from '../../../pipeline/cost/cloud-assembly.js';
import { costInputsFromConfig, priceTemplates, type CostEstimate } from '../../../pipeline/cost/estimate.js';
import { summaryLine } from '../../../pipeline/cost/render.js';
import { buildTestStages, type TestStages } from '../../helpers/test-app.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;
let built: TestStages;
let estimate: CostEstimate;
let reportDir: string;

beforeAll(() => {
  built = buildTestStages({ stages: ['staging', 'production'] });
  estimate = priceTemplates(assemblyStacks(built.app.synth()), costInputsFromConfig(built.config));
  reportDir = mkdtempSync(join(tmpdir(), 'gm-cost-'));
});

afterAll(() => {
  rmSync(reportDir, { recursive: true, force: true });
  rmSync(built.app.outdir, { recursive: true, force: true });
});

describe('the estimate of both stages', () => {
  it('knows every resource type the stages use (nothing "not priced")', () => {
    expect(estimate.groups.map((g) => g.group).sort()).toEqual(['production', 'staging']);
    for (const group of estimate.groups) expect(group.notPriced, group.group).toEqual([]);
  });

  it('keeps staging’s baseline at most 30% of production’s', () => {
    const staging = estimate.group('staging')!;
    const production = estimate.group('production')!;
    expect(staging.baselineUsd).toBeGreaterThan(0);
    expect(staging.baselineUsd).toBeLessThanOrEqual(0.3 * production.baselineUsd);
  });

  it('prices production’s always-on database (writer + reader at 0.5 ACU) and NAT, and no staging database hours', () => {
    const hours = (group: string, type: string, item: RegExp) =>
      estimate
        .group(group)!
        .lines.filter((l) => l.type === type && item.test(l.item))
        .reduce((sum, l) => sum + l.baselineUsd, 0);
    expect(hours('production', 'AWS::RDS::DBInstance', /^ACU-hours/)).toBeCloseTo(2 * 0.5 * 730 * 0.2, 6);
    expect(hours('production', 'AWS::EC2::NatGateway', /NAT gateway-hours/)).toBeCloseTo(730 * 0.062, 6);
    expect(hours('staging', 'AWS::RDS::DBInstance', /^ACU-hours/)).toBe(0);
    expect(hours('staging', 'AWS::EC2::NatGateway', /./)).toBe(0);
    expect(hours('staging', 'AWS::EC2::VPCEndpoint', /endpoint-hours/)).toBeCloseTo(4 * 730 * 0.014, 6);
  });

  it('fits the example configuration’s budgets, and names the key when one is below its estimate', () => {
    expect(budgetProblem(estimate, built.config)).toBeUndefined();
    const tight = { ...built.config, staging: { ...built.config.staging, monthlyBudgetUsd: 10 } };
    expect(budgetProblem(estimate, tight)).toMatch(
      /^configuration: goalMandala\.staging\.monthlyBudgetUsd \(10\) is below the estimate at the configured usage \(\d+\.\d\d USD\/month\)$/,
    );
  });
});

describe('npm run cost (bin/cost.ts)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bin/cost.ts', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes cost-report.md and ends with the summary line', () => {
    const out = join(reportDir, 'cost-report.md');
    const result = run('--assembly', built.app.outdir, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lastLine = result.stdout.trim().split('\n').at(-1);
    expect(lastLine).toBe(summaryLine(estimate));
    expect(lastLine).toMatch(
      /^cost: production \d+\.\d\d USD\/month, staging \d+\.\d\d USD\/month at the configured usage; baseline production \d+\.\d\d, staging \d+\.\d\d USD\/month$/,
    );
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('## staging (ap-northeast-1)');
    expect(report).toContain('## production (ap-northeast-1)');
    expect(report).toMatch(
      /\| auroraAcuHour \| 0\.2 \| ACU-hour \| \d{4}-\d\d-\d\d \| https:\/\/aws\.amazon\.com\/rds\/aurora\/pricing\/ \|/,
    );
    expect(report.trim().split('\n').at(-1)).toBe(summaryLine(estimate));
  });

  it('says in one line when there is no assembly to price', () => {
    const missing = join(reportDir, 'no-such-assembly');
    const result = run('--assembly', missing, '--out', join(reportDir, 'unused.md'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `cost: no cloud assembly in ${missing} (run \`npm run synth\` first, or pass --assembly DIR)`,
    );
    expect(existsSync(join(reportDir, 'unused.md'))).toBe(false);
  });
});
