/**
 * The change review of one stage: every stack of the stage in the cloud assembly compared with its
 * deployed template, the data-loss risks among the changes, and the totals.
 */
import type { CostInputs } from '../cost/estimate.js';
import { type DataLossRisk, dataLossRisks } from './data-loss-risks.js';
import { readDeployedTemplate } from './deployed-templates.js';
import { type ChangeKind, type StackChanges, stackChanges } from './stack-changes.js';
import { readStageStacks } from './stage-assembly.js';
import { type CostChange, stageCost } from './stage-cost.js';

export type { CostChange } from './stage-cost.js';

export interface ChangeReview {
  readonly stageName: string;
  readonly stacks: readonly StackChanges[];
  /** First in the review: each one asks the approver for a decision. */
  readonly risks: readonly DataLossRisk[];
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** @default - no cost line (no cost report for this review) */
  readonly cost?: CostChange;
}

export interface ReviewStageOptions {
  /** The synthesized cloud assembly (`cdk.out`). */
  readonly assemblyDir: string;
  /** The deployed templates, one `<artifact id>.template.json` per deployed stack. */
  readonly deployedDir: string;
  /** The stage's name in the assembly (`Production`). */
  readonly stageName: string;
  /** The cost report's inputs (usage from cdk.json). @default - no cost before → after */
  readonly costInputs?: CostInputs;
}

export function reviewStage(options: ReviewStageOptions): ChangeReview {
  const priced = readStageStacks(options.assemblyDir, options.stageName).map((stack) => ({
    stack,
    deployed: readDeployedTemplate(options.deployedDir, stack),
  }));
  const stacks = priced.map(({ stack, deployed }) => stackChanges(stack.stackName, deployed, stack.template));
  const counts: Record<ChangeKind, number> = { added: 0, modified: 0, replaced: 0, removed: 0 };
  for (const change of stacks.flatMap((stack) => stack.resources)) counts[change.kind] += 1;
  return {
    stageName: options.stageName,
    stacks,
    risks: stacks.flatMap(dataLossRisks),
    counts,
    cost: options.costInputs ? stageCost(options.stageName, priced, options.costInputs) : undefined,
  };
}

/** The review's last line: `review: N added, M modified, R replaced, D removed; K data-loss risk(s)`. */
export function summaryLine(review: Pick<ChangeReview, 'counts' | 'risks'>): string {
  const { added, modified, replaced, removed } = review.counts;
  return `review: ${added} added, ${modified} modified, ${replaced} replaced, ${removed} removed; ${review.risks.length} data-loss risk(s)`;
}
