/**
 * Prices a set of synthesized templates: `priceTemplates` is the whole estimate (the report, the budget
 * check and the change review's before → after all call it).
 */
import type { AppConfig } from '../config.js';
import {
  NOT_PRICED,
  constructPath,
  type CostLine,
  type PricingContext,
  type StackTemplate,
  type UnpricedResource,
} from './cost-line.js';
import { priceTableFor } from './price-table.js';
import { PRICERS, isNoCharge } from './pricers/index.js';
import { FUNCTION_TRAFFIC, stageTraffic, type UsageAssumptions } from './usage-assumptions.js';

/** The configured usage the estimate prices beyond the baseline. */
export interface CostInputs {
  /** Usage of each stage group (`staging`, `production`); a group without an entry is priced at zero use. */
  readonly stageUsage: Readonly<Record<string, UsageAssumptions>>;
  /** Pipeline runs a month, for the `pipeline` group. */
  readonly pipelineRunsPerMonth: number;
}

export interface GroupEstimate {
  readonly group: string;
  readonly region: string;
  readonly baselineUsd: number;
  readonly atUsageUsd: number;
  readonly lines: readonly CostLine[];
  readonly notPriced: readonly UnpricedResource[];
}

export interface CostEstimate {
  /** In the order the groups first appear in the stacks. */
  readonly groups: readonly GroupEstimate[];
  group(name: string): GroupEstimate | undefined;
}

export function costInputsFromConfig(config: AppConfig): CostInputs {
  return {
    stageUsage: { staging: config.staging.usage, production: config.production.usage },
    pipelineRunsPerMonth: config.pipelineRunsPerMonth,
  };
}

/** Prices every resource of `stacks`, per group, per month, baseline and at the configured usage. */
export function priceTemplates(stacks: readonly StackTemplate[], inputs: CostInputs): CostEstimate {
  const groupNames = [...new Set(stacks.map((stack) => stack.group))];
  const groups = groupNames.map((name) =>
    priceGroup(
      name,
      stacks.filter((stack) => stack.group === name),
      inputs,
    ),
  );
  return { groups, group: (name) => groups.find((g) => g.group === name) };
}

function priceGroup(group: string, stacks: readonly StackTemplate[], inputs: CostInputs): GroupEstimate {
  const usage = inputs.stageUsage[group];
  const traffic = usage ? stageTraffic(usage) : undefined;
  const region = stacks[0]!.region;
  const functionInvocations = traffic ? invocationsByFunction(stacks, traffic) : new Map();
  const lines: CostLine[] = [];
  const notPriced: UnpricedResource[] = [];
  for (const stack of stacks) {
    priceTableFor(stack.region); // fails with the region's name when the repository has no prices for it
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      const pricer = PRICERS[resource.Type];
      if (!pricer) {
        if (!isNoCharge(resource.Type))
          notPriced.push({ stackName: stack.stackName, logicalId, type: resource.Type });
        continue;
      }
      const context: PricingContext = {
        logicalId,
        resource,
        stack,
        groupStacks: stacks,
        traffic,
        pipelineRunsPerMonth: usage ? 0 : inputs.pipelineRunsPerMonth,
        functionInvocations,
        price: (key) => priceTableFor(stack.region).prices[key],
      };
      const priced = pricer(context);
      if (priced === NOT_PRICED)
        notPriced.push({ stackName: stack.stackName, logicalId, type: resource.Type });
      else lines.push(...priced);
    }
  }
  return {
    group,
    region,
    baselineUsd: sum(lines.map((l) => l.baselineUsd)),
    atUsageUsd: sum(lines.map((l) => l.atUsageUsd)),
    lines,
    notPriced,
  };
}

/** Splits each traffic rule's invocations evenly over the functions it matches. */
function invocationsByFunction(
  stacks: readonly StackTemplate[],
  traffic: ReturnType<typeof stageTraffic>,
): Map<string, { invocations: number; averageMs: number; describe: string }> {
  const functions = stacks.flatMap((stack) =>
    Object.entries(stack.resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([logicalId, resource]) => ({
        id: functionKey(stack, logicalId),
        key: resource.Metadata?.['aws:cdk:path']
          ? constructPath(resource, logicalId)
          : `${stack.stackName.replace(/^.*-/, '')}/${logicalId}`,
      })),
  );
  const result = new Map<string, { invocations: number; averageMs: number; describe: string }>();
  for (const rule of FUNCTION_TRAFFIC) {
    const matching = functions.filter((fn) => rule.path.test(fn.key) && !result.has(fn.id));
    for (const fn of matching) {
      result.set(fn.id, {
        invocations: rule.invocations(traffic) / matching.length,
        averageMs: rule.averageMs,
        describe: rule.describe,
      });
    }
  }
  return result;
}

/** A function's key in `PricingContext.functionInvocations`. */
export function functionKey(stack: StackTemplate, logicalId: string): string {
  return `${stack.stackName}/${logicalId}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
