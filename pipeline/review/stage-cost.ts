/**
 * The stage's monthly cost before → after: the cost report's estimate (pipeline/cost, at the configured
 * usage) of the deployed templates and of the new ones. A stack not deployed yet costs nothing before.
 */
import type { CfnResource, StackTemplate } from '../cost/cost-line.js';
import { type CostInputs, priceTemplates } from '../cost/estimate.js';
import type { StageStack } from './stage-assembly.js';

/** The stage's monthly cost at the configured usage, priced from the deployed and the new templates. */
export interface CostChange {
  readonly beforeUsd: number;
  readonly afterUsd: number;
}

export interface PricedStack {
  readonly stack: StageStack;
  /** The deployed template, or undefined when the stack is not deployed. */
  readonly deployed?: Record<string, unknown>;
}

export function stageCost(stageName: string, stacks: readonly PricedStack[], inputs: CostInputs): CostChange {
  // The cost report names a stage's group after the stage, lower case (its usage is configured under it).
  const group = stageName.toLowerCase();
  const price = (templates: (Record<string, unknown> | undefined)[]) => {
    const priced: StackTemplate[] = stacks.map(({ stack }, index) => ({
      group,
      stackName: stack.stackName,
      region: stack.region,
      resources: resourcesOf(templates[index]),
    }));
    return priceTemplates(priced, inputs).group(group)?.atUsageUsd ?? 0;
  };
  return {
    beforeUsd: price(stacks.map((s) => s.deployed)),
    afterUsd: price(stacks.map((s) => s.stack.template)),
  };
}

function resourcesOf(template: Record<string, unknown> | undefined): Record<string, CfnResource> {
  return (template?.Resources ?? {}) as Record<string, CfnResource>;
}
