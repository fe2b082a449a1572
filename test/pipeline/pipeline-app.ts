/**
 * Builds the delivery pipeline app once per test file (two stages × six stacks with bundling is slow)
 * from cdk.json's context, exactly as `cdk synth` does, into a temporary outdir.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { CONTEXT_KEY, parseConfig, readAppContext } from '../../pipeline/config.js';
import { PipelineStack, type PipelineStackProps } from '../../pipeline/pipeline-stack.js';
import { tempDir } from '../helpers/temp-dir.js';

export const TEST_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export function cdkJsonContext(): Record<string, unknown> {
  return readAppContext();
}

export interface PipelineApp {
  readonly stack: PipelineStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
}

export function buildPipelineApp(extra: Partial<PipelineStackProps> = {}): PipelineApp {
  const context = cdkJsonContext();
  const app = new App({
    outdir: tempDir('gm-pipeline-'),
    context,
    // Another suite keeps CloudFormation's built-in validation on; here it only costs time.
    builtinCloudFormationValidation: false,
  });
  const stack = new PipelineStack(app, 'GoalMandalaPipeline', {
    config: parseConfig(context[CONTEXT_KEY]),
    appVersion: TEST_COMMIT,
    ...extra,
  });
  const template = Template.fromStack(stack);
  return { stack, template, assembly: app.synth() };
}
