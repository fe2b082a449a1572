#!/usr/bin/env node
// CDK app entry: the only place (with the config loader) that reads process.env and CDK context.
import { execSync } from 'node:child_process';
import { App } from 'aws-cdk-lib';
import { registerCompliance } from '../compliance/register.js';
import { ChangeReviewAccessStack } from '../pipeline/change-review-access-stack.js';
import { CONTEXT_KEY, ConfigError, parseConfig } from '../pipeline/config.js';
import { priceTableFindings, refusal } from '../pipeline/config-rules.js';
import { assertBudgetsHold } from '../pipeline/cost/budget-check.js';
import { assemblyStacks } from '../pipeline/cost/cloud-assembly.js';
import { costInputsFromConfig, priceTemplates } from '../pipeline/cost/estimate.js';
import { PipelineStack } from '../pipeline/pipeline-stack.js';

function gitCommit(): string {
  // CodeBuild checks out a detached tree and names the commit here.
  if (process.env.CODEBUILD_RESOLVED_SOURCE_VERSION) return process.env.CODEBUILD_RESOLVED_SOURCE_VERSION;
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

try {
  const app = new App();
  const config = parseConfig(app.node.tryGetContext(CONTEXT_KEY));
  // The budget check below prices every account: a region without prices is the configuration's to fix.
  const [unpriced] = priceTableFindings(config);
  if (unpriced) throw new ConfigError(refusal(unpriced));
  registerCompliance(app, { backupWindowUtc: config.backupWindowUtc });
  // The pipeline (toolchain account) deploys the Staging and Production stages it contains.
  const pipeline = new PipelineStack(app, 'GoalMandalaPipeline', { config, appVersion: gitCommit() });
  // Bootstrapping of the production account, deployed by an operator (docs/runbook.md, "Change review").
  new ChangeReviewAccessStack(app, 'GoalMandalaChangeReviewAccess', {
    stage: pipeline.production,
    appName: config.appName,
    toolchainAccount: config.toolchain.account,
  });
  const assembly = app.synth();
  // Budgets that hold: a stage's budget below its own estimate would alert every month (npm run cost explains it).
  assertBudgetsHold(priceTemplates(assemblyStacks(assembly), costInputsFromConfig(config)), config);
} catch (error) {
  // What the operator can cause (cdk.json, the price tables) is one line; anything else is a bug: its stack.
  if (error instanceof ConfigError || (error instanceof Error && error.message.startsWith('cost: '))) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
