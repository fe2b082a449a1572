/** The local stack names the model the stages are configured with, so a local draft asks what AWS would. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { localBedrockModelId } from '../../../local/workflow/local-model.js';

it('is the bedrockModelId of every deployment stage in cdk.json', () => {
  const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const modelIds: string[] = [];
  JSON.stringify(cdkJson, (key, value: unknown) => {
    if (key === 'bedrockModelId') modelIds.push(value as string);
    return value;
  });
  expect(modelIds.length).toBeGreaterThan(0);
  expect(new Set(modelIds)).toEqual(new Set([localBedrockModelId]));
});
