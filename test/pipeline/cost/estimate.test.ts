/**
 * Hand-computed expectations on small templates (Tokyo prices: NAT 0.062 USD/h, Aurora 0.20 USD/ACU-hour,
 * KMS 1 USD/key-month, Lambda arm64 0.20 USD/million requests + 0.0000133334 USD/GB-s; 730 h a month).
 */
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../pipeline/config.js';
import type { UsageAssumptions } from '../../../stages/stage-config.js';
import { budgetProblem } from '../../../pipeline/cost/budget-check.js';
import type { CfnResource, StackTemplate } from '../../../pipeline/cost/cost-line.js';
import { priceTemplates } from '../../../pipeline/cost/estimate.js';
import { summaryLine } from '../../../pipeline/cost/render.js';

const idle: UsageAssumptions = {
  monthlyActiveUsers: 0,
  apiCallsPerUser: 0,
  aiDraftsPerMonth: 0,
  gbServedPerMonth: 0,
  databaseBusyHoursPerDay: 0,
  databaseAverageAcu: 0,
  databaseStorageGb: 0,
};

function stack(resources: Record<string, CfnResource>, group = 'production'): StackTemplate {
  return { group, stackName: `${group}-Test`, region: 'ap-northeast-1', resources };
}

function estimate(resources: Record<string, CfnResource>, usage: Partial<UsageAssumptions> = {}) {
  return priceTemplates([stack(resources)], {
    stageUsage: { production: { ...idle, ...usage } },
    pipelineRunsPerMonth: 0,
  }).group('production')!;
}

const serverlessCluster = (scaling: Record<string, number>): CfnResource => ({
  Type: 'AWS::RDS::DBCluster',
  Properties: { ServerlessV2ScalingConfiguration: scaling },
});
const serverlessInstance: CfnResource = {
  Type: 'AWS::RDS::DBInstance',
  Properties: { DBInstanceClass: 'db.serverless', DBClusterIdentifier: { Ref: 'Cluster' } },
};
const instanceUsd = (group: ReturnType<typeof estimate>, column: 'baselineUsd' | 'atUsageUsd') =>
  group.lines
    .filter((l) => l.type === 'AWS::RDS::DBInstance' && l.item.startsWith('ACU-hours'))
    .reduce((sum, l) => sum + l[column], 0);

describe('priceTemplates', () => {
  it('prices a NAT gateway at 730 hours × 0.062 USD, always on', () => {
    const group = estimate({ Nat: { Type: 'AWS::EC2::NatGateway' } });
    expect(group.baselineUsd).toBeCloseTo(45.26, 2);
    expect(group.atUsageUsd).toBeCloseTo(45.26, 2);
  });

  it('prices an Aurora floor of 0.5 ACU × 2 instances × 730 h × 0.20 USD, and the configured average at usage', () => {
    const group = estimate(
      {
        Cluster: serverlessCluster({ MinCapacity: 0.5, MaxCapacity: 2 }),
        Writer: serverlessInstance,
        Reader: serverlessInstance,
      },
      { databaseAverageAcu: 1, databaseBusyHoursPerDay: 24 },
    );
    expect(instanceUsd(group, 'baselineUsd')).toBeCloseTo(146, 6);
    expect(instanceUsd(group, 'atUsageUsd')).toBeCloseTo(292, 6);
  });

  it('prices a 0-ACU (pausing) database at nothing idle, and at its awake hours with the idle tail at usage', () => {
    const group = estimate(
      {
        Cluster: serverlessCluster({ MinCapacity: 0, MaxCapacity: 2, SecondsUntilAutoPause: 600 }),
        Writer: serverlessInstance,
      },
      { databaseBusyHoursPerDay: 3, databaseAverageAcu: 0.5 },
    );
    expect(instanceUsd(group, 'baselineUsd')).toBe(0);
    // (730 / 24) days × (3 h + 10 min) × 0.5 ACU × 0.20 USD
    expect(instanceUsd(group, 'atUsageUsd')).toBeCloseTo((730 / 24) * (3 + 10 / 60) * 0.5 * 0.2, 6);
  });

  it('prices a customer managed key at 1 USD a month', () => {
    const group = estimate({ Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } } });
    expect(group.baselineUsd).toBe(1);
  });

  it('prices a canary every 5 minutes at 730 h × 12 runs × 0.0012 USD, traffic or not, and cannot price a cron', () => {
    const group = estimate({
      Canary: {
        Type: 'AWS::Synthetics::Canary',
        Properties: { Schedule: { Expression: 'rate(5 minutes)' } },
      },
      Nightly: {
        Type: 'AWS::Synthetics::Canary',
        Properties: { Schedule: { Expression: 'cron(0 3 * * ? *)' } },
      },
    });
    expect(group.baselineUsd).toBeCloseTo(8760 * 0.0012, 6);
    expect(group.notPriced).toEqual([
      { stackName: 'production-Test', logicalId: 'Nightly', type: 'AWS::Synthetics::Canary' },
    ]);
  });

  it('prices a function at its requests and GB-seconds of the configured API calls', () => {
    const group = estimate(
      {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { MemorySize: 1024, Architectures: ['arm64'] },
          Metadata: { 'aws:cdk:path': 'App/Production/Api/GoalFunction/Resource' },
        },
      },
      { monthlyActiveUsers: 1000, apiCallsPerUser: 1000 },
    );
    const compute = group.lines.find((l) => l.item.startsWith('requests and GB-seconds'))!;
    // 1,000,000 invocations: 0.20 USD of requests + 1,000,000 × 0.150 s × 1 GB = 150,000 GB-s × 0.0000133334 USD
    expect(compute.atUsageUsd).toBeCloseTo(0.2 + 150_000 * 0.0000133334, 6);
    expect(compute.baselineUsd).toBe(0);
    expect(compute.assumption).toMatch(/1000000 invocations .* 150 ms = 150000 GB-s/);
  });

  it('lists billable types it cannot price as "not priced", and leaves known free ones out', () => {
    const group = estimate({
      Role: { Type: 'AWS::IAM::Role' },
      Trigger: { Type: 'Custom::Trigger' },
      Queue: { Type: 'AWS::SQS::Queue' },
      Provisioned: {
        Type: 'AWS::RDS::DBInstance',
        Properties: { DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: { Ref: 'Cluster' } },
      },
      Cluster: serverlessCluster({ MinCapacity: 0.5, MaxCapacity: 2 }),
    });
    expect(group.notPriced).toEqual([
      { stackName: 'production-Test', logicalId: 'Queue', type: 'AWS::SQS::Queue' },
      { stackName: 'production-Test', logicalId: 'Provisioned', type: 'AWS::RDS::DBInstance' },
    ]);
  });

  it('ends the report with the one summary line of both stages', () => {
    const both = priceTemplates(
      [
        stack({ Nat: { Type: 'AWS::EC2::NatGateway' } }),
        stack({ Key: { Type: 'AWS::KMS::Key' } }, 'staging'),
      ],
      { stageUsage: { production: idle, staging: idle }, pipelineRunsPerMonth: 0 },
    );
    expect(summaryLine(both)).toBe(
      'cost: production 45.26 USD/month, staging 1.00 USD/month at the configured usage; baseline production 45.26, staging 1.00 USD/month',
    );
  });
});

describe('budgetProblem', () => {
  const priced = priceTemplates(
    [stack({ Nat: { Type: 'AWS::EC2::NatGateway' } }), stack({ Key: { Type: 'AWS::KMS::Key' } }, 'staging')],
    { stageUsage: { production: idle, staging: idle }, pipelineRunsPerMonth: 0 },
  );
  const config = (staging: number, production: number) =>
    ({ staging: { monthlyBudgetUsd: staging }, production: { monthlyBudgetUsd: production } }) as AppConfig;

  it('names the key, the budget and the estimate in one line when a budget is below its estimate', () => {
    expect(budgetProblem(priced, config(100, 45))).toBe(
      'configuration: goalMandala.production.monthlyBudgetUsd (45) is below the estimate at the configured usage (45.26 USD/month)',
    );
    expect(budgetProblem(priced, config(0.5, 100))).toBe(
      'configuration: goalMandala.staging.monthlyBudgetUsd (0.5) is below the estimate at the configured usage (1.00 USD/month)',
    );
  });

  it('passes budgets at or above their estimates', () => {
    expect(budgetProblem(priced, config(1, 45.26))).toBeUndefined();
  });
});
