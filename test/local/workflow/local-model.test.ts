/** The local stack names the model the stages are configured with, so a local draft asks what AWS would. */
import { expect, it } from 'vitest';
import { readCdkJsonConfig } from '../../../pipeline/config.js';
import type { StageName } from '../../../stages/stage-config.js';
import { localBedrockModelId } from '../../../local/workflow/local-model.js';

it('is the bedrockModelId of every deployment stage in cdk.json', () => {
  const config = readCdkJsonConfig();
  const stages: StageName[] = ['staging', 'production'];
  const modelIds = stages.map((stage) => config[stage].bedrockModelId);
  expect(new Set(modelIds)).toEqual(new Set([localBedrockModelId]));
});
