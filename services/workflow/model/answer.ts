import * as z from 'zod';
import { WorkflowError } from '../errors.js';
import { workflowErrors } from '../steps.js';
import type { DraftRequest } from './prompts.js';

/** Bedrock's Anthropic Messages response, as much of it as we read. */
const messagesResponse = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })).min(1),
});

const titlesAnswer = z.object({ titles: z.array(z.string()) });

function invalid(reason: string): WorkflowError {
  return new WorkflowError(workflowErrors.modelAnswerInvalid, `model answer rejected: ${reason}`);
}

/** The JSON object in the answer text, tolerating a code fence or a sentence around it. */
function extractJson(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) throw invalid('no JSON object in the answer');
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    throw invalid('the answer is not valid JSON');
  }
}

const normalise = (title: string): string => title.normalize('NFKC').trim().toLowerCase();

/**
 * The titles of a model answer, checked against the request: exactly `count` of them, each non-empty and
 * at most `maxLength` characters, distinct from each other and from the titles already in the chart.
 * Anything else throws `ModelAnswerInvalid` (the state machine asks again; nothing is written).
 */
export function parseDraftTitles(responseBody: unknown, request: DraftRequest): string[] {
  const envelope = messagesResponse.safeParse(responseBody);
  if (!envelope.success) throw invalid('not an Anthropic Messages response');
  const text = envelope.data.content.map((part) => part.text ?? '').join('');
  const answer = titlesAnswer.safeParse(extractJson(text));
  if (!answer.success) throw invalid('expected {"titles": [string, ...]}');

  const titles = answer.data.titles.map((title) => title.trim());
  if (titles.length !== request.count)
    throw invalid(`expected ${request.count} titles, got ${titles.length}`);
  const seen = new Set(request.keep.map(normalise));
  for (const title of titles) {
    if (title === '') throw invalid('an empty title');
    if ([...title].length > request.maxLength)
      throw invalid(`a title longer than ${request.maxLength} characters`);
    const key = normalise(title);
    if (seen.has(key)) throw invalid(`a repeated title "${title}"`);
    seen.add(key);
  }
  return titles;
}
