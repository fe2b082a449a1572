/**
 * `npm run bench:synth`'s reference point: the app exactly as bin/app.ts composes it, without the compliance
 * packs and without aws-cdk-lib's built-in CloudFormation validation — what synth costs before any check.
 * Only ever synthesized by the benchmark, never deployed.
 */
import { App } from 'aws-cdk-lib';
import { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { CONTEXT_KEY, parseConfig } from '../../pipeline/config.js';
import { PipelineStack } from '../../pipeline/pipeline-stack.js';

const app = new App({ builtinCloudFormationValidation: false });
const config = parseConfig(app.node.tryGetContext(CONTEXT_KEY));
const pipeline = new PipelineStack(app, 'GoalMandalaPipeline', { config, appVersion: 'bench' });
new ChangeReviewAccessStack(app, 'GoalMandalaChangeReviewAccess', {
  stage: pipeline.production,
  appName: config.appName,
  toolchainAccount: config.toolchain.account,
});
app.synth();
