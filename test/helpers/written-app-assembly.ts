/**
 * The app as `cdk synth` writes it (bin/app.ts: the pipeline with both stages, and the change review's
 * access stack), synthesized once into a temporary directory. The compliance packs are left out (they
 * add no resource) and the Lambda code is not bundled (CDK's documented `aws:cdk:bundling-stacks`
 * switch), so the templates are the deployed ones at a fraction of the time.
 */
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { CONTEXT_KEY, parseConfig } from '../../pipeline/config.js';
import { PipelineStack } from '../../pipeline/pipeline-stack.js';
import { cdkJsonContext } from '../pipeline/pipeline-app.js';
import { tempDir } from './temp-dir.js';

export function synthesizeAppAssembly(): { readonly directory: string; readonly assembly: CloudAssembly } {
  const context = cdkJsonContext();
  const outdir = tempDir('gm-written-assembly-');
  const app = new App({
    outdir,
    // Path metadata as the CLI writes it (`aws:cdk:path`): the gate's expected access paths name resources by it.
    context: { ...context, 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true },
    builtinCloudFormationValidation: false,
  });
  const config = parseConfig(context[CONTEXT_KEY]);
  const pipeline = new PipelineStack(app, 'GoalMandalaPipeline', { config, appVersion: 'test0000' });
  new ChangeReviewAccessStack(app, 'GoalMandalaChangeReviewAccess', {
    stage: pipeline.production,
    appName: config.appName,
    toolchainAccount: config.toolchain.account,
  });
  return { directory: outdir, assembly: app.synth() };
}
