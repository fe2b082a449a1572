/**
 * Budgets that hold: a stage whose configured monthly budget is below its own estimate at the configured
 * usage would alert every month, which is noise. Synth fails with one line naming the key.
 */
import type { StageName } from '../../stages/stage-config.js';
import { CONTEXT_KEY, ConfigError, type AppConfig } from '../config.js';
import type { CostEstimate } from './estimate.js';
import { usd } from './render.js';

const STAGES: readonly StageName[] = ['staging', 'production'];

/** The first stage whose budget is below its estimate, as the one-line message; undefined when all hold. */
export function budgetProblem(estimate: CostEstimate, config: AppConfig): string | undefined {
  for (const stage of STAGES) {
    const group = estimate.group(stage);
    const budget = config[stage].monthlyBudgetUsd;
    if (group && budget < group.atUsageUsd) {
      return (
        `configuration: ${CONTEXT_KEY}.${stage}.monthlyBudgetUsd (${budget}) is below the estimate at the configured ` +
        `usage (${usd(group.atUsageUsd)} USD/month)`
      );
    }
  }
  return undefined;
}

/** Throws a ConfigError (bin/app.ts prints its one line and exits 1) when a budget is below its estimate. */
export function assertBudgetsHold(estimate: CostEstimate, config: AppConfig): void {
  const problem = budgetProblem(estimate, config);
  if (problem) throw new ConfigError(problem);
}
