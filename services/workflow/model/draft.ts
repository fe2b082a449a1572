import { parseDraftTitles } from './answer.js';
import { invokeModel, type ModelSettings } from './bedrock.js';
import { buildPrompt, type DraftRequest } from './prompts.js';

/** Asks the model for `request.count` new titles and returns them only if the answer passes validation. */
export async function draftTitles(model: ModelSettings, request: DraftRequest): Promise<string[]> {
  if (request.count === 0) return [];
  return parseDraftTitles(await invokeModel(model, buildPrompt(request)), request);
}
