import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../services/workflow/language.js';
import { fakeDraftTitles } from '../../../../local/workflow/fake-drafts.js';
import { parseDraftTitles } from '../../../../services/workflow/model/answer.js';
import { classifyModelError } from '../../../../services/workflow/model/bedrock.js';
import { buildPrompt, readRequest, type DraftRequest } from '../../../../services/workflow/model/prompts.js';

const request: DraftRequest = {
  kind: 'actions',
  language: 'en',
  goal: 'Run a marathon',
  description: '',
  subGoal: 'Build endurance',
  keep: ['Run 5 km daily'],
  count: 3,
  maxLength: 20,
};

const answer = (text: string) => ({ content: [{ type: 'text', text }] });
const titles = (list: unknown) => answer(JSON.stringify({ titles: list }));

describe('model answer validation', () => {
  it('accepts exactly the requested number of distinct, bounded titles (trimmed, fences tolerated)', () => {
    expect(parseDraftTitles(titles([' Long run ', 'Hill repeats', 'Rest day']), request)).toEqual([
      'Long run',
      'Hill repeats',
      'Rest day',
    ]);
    expect(parseDraftTitles(answer('```json\n{"titles":["a","b","c"]}\n```'), request)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([
    ['too few', titles(['a', 'b']), /expected 3 titles, got 2/],
    ['too many', titles(['a', 'b', 'c', 'd']), /expected 3 titles, got 4/],
    ['an empty title', titles(['a', '  ', 'c']), /an empty title/],
    ['a title too long', titles(['a', 'x'.repeat(21), 'c']), /longer than 20/],
    ['a duplicate (case and width folded)', titles(['Swim', 'ｓｗｉｍ', 'c']), /repeated title/],
    ['a title the user already typed', titles(['run 5 km daily', 'b', 'c']), /repeated title/],
    ['prose instead of JSON', answer('Here are ideas: a, b, c'), /no JSON object/],
    ['broken JSON', answer('{"titles": ["a", "b"'), /no JSON object|not valid JSON/],
    ['the wrong shape', answer('{"items": ["a", "b", "c"]}'), /expected \{"titles"/],
    ['non-string titles', titles([1, 2, 3]), /expected \{"titles"/],
    ['not a Messages response', { completion: 'x' }, /not an Anthropic Messages response/],
  ])('rejects %s as ModelAnswerInvalid', (_, body, message) => {
    expect(() => parseDraftTitles(body, request)).toThrow(message);
    expect(() => parseDraftTitles(body, request)).toThrow(
      expect.objectContaining({ name: 'ModelAnswerInvalid' }),
    );
  });
});

describe('prompts', () => {
  it('ask in the goal’s language and carry the request for the answer’s schema', () => {
    const ja = buildPrompt({ ...request, language: 'ja', goal: 'マラソン完走' });
    expect(ja.system).toMatch(/日本語/);
    expect(ja.user).toMatch(/ちょうど 3 個/);
    expect(buildPrompt(request).system).toMatch(/in English/);
    expect(readRequest(buildPrompt(request).user)).toEqual(request);
    expect(readRequest('no request here')).toBeUndefined();
  });

  it('detect Japanese from any Japanese script, English otherwise', () => {
    expect(detectLanguage('Run a marathon')).toBe('en');
    expect(detectLanguage('Run', 'ひらがな')).toBe('ja');
    expect(detectLanguage('カタカナ')).toBe('ja');
    expect(detectLanguage('漢字')).toBe('ja');
  });
});

describe('model errors', () => {
  it.each([
    [{ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }, 'ModelThrottled'],
    [{ name: 'ServiceQuotaExceededException' }, 'ModelThrottled'],
    [{ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }, 'ModelUnavailable'],
    [{ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } }, 'ModelUnavailable'],
    [{ name: 'Error', message: 'connect ECONNREFUSED' }, 'ModelUnavailable'],
    [{ name: 'AbortError' }, 'ModelTimeout'],
    [{ name: 'ModelTimeoutException', $metadata: { httpStatusCode: 408 } }, 'ModelTimeout'],
    [{ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }, 'ModelRequestRejected'],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, 'ModelRequestRejected'],
  ])('%o → %s', (error, name) => {
    expect(classifyModelError(error).name).toBe(name);
  });
});

describe('local model drafts', () => {
  it('are distinct, within the length bound, and avoid typed titles, even for a very long goal', () => {
    const long = 'Become a world-class long-distance runner and finish six major marathons';
    for (const language of ['en', 'ja'] as const) {
      const keep = fakeDraftTitles({ ...request, language, goal: long, subGoal: long, count: 2, keep: [] });
      const drafted = fakeDraftTitles({
        ...request,
        language,
        goal: long,
        subGoal: long,
        count: 8,
        maxLength: 20,
        keep,
      });
      expect(() =>
        parseDraftTitles(titles(drafted), { ...request, language, count: 8, maxLength: 20, keep }),
      ).not.toThrow();
    }
  });
});
