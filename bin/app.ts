#!/usr/bin/env node
// CDK app entry: the only place (with the config loader) that reads process.env and CDK context.
import { execSync } from 'node:child_process';
import { App } from 'aws-cdk-lib';
import { registerCompliance } from '../compliance/register.js';
import { CONTEXT_KEY, ConfigError, parseConfig } from '../pipeline/config.js';
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
  registerCompliance(app, { backupWindowUtc: config.backupWindowUtc });
  // The pipeline (toolchain account) deploys the Staging and Production stages it contains.
  new PipelineStack(app, 'GoalMandalaPipeline', { config, appVersion: gitCommit() });
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
