/**
 * The drafts the local model endpoint answers with: deterministic and offline, but shaped like a planner's
 * answer. The goal's words pick a theme of the phrase library (health, language, career, …, or a general
 * one); sub-goals are that theme's short phrases, actions mix phrasings naming their sub-goal with ones
 * that stand alone, each block starting elsewhere in the lists so openings vary across the chart. No title
 * repeats the goal's own words or a title already in the chart, and none is ever cut: a phrase that does
 * not fit is skipped.
 */
import type { DraftLanguage } from '../../services/workflow/language.js';
import type { DraftRequest } from '../../services/workflow/model/prompts.js';
import { generalTheme, objectActions, plainActions, themes, type Theme } from './phrase-library.js';

const key = (title: string): string => title.normalize('NFKC').trim().toLowerCase();

const stopWords = new Set(
  'the and for with from into your our their this that more less than have has get become make be are was'.split(
    ' ',
  ),
);

/** The goal's own words: English words of 3+ letters; in Japanese, kanji pairs, lone kanji and katakana. */
export function goalWords(text: string, language: DraftLanguage): string[] {
  const normalised = text.normalize('NFKC').toLowerCase();
  const latin = (normalised.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 3 && !stopWords.has(w));
  if (language === 'en') return latin;
  const words = [...latin];
  for (const run of normalised.match(/[\u3400-\u4dbf\u4e00-\u9fff々]+/g) ?? []) {
    const chars = [...run];
    if (chars.length === 1) words.push(run);
    for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i]! + chars[i + 1]!);
  }
  words.push(...(normalised.match(/[\u30a1-\u30faー]{2,}/g) ?? []));
  return words;
}

/** True when `title` uses one of `words` (English: a word sharing its stem, e.g. "run" and "runs"). */
function repeats(title: string, words: readonly string[], language: DraftLanguage): boolean {
  const normalised = title.normalize('NFKC').toLowerCase();
  if (language === 'ja') return words.some((word) => normalised.includes(word));
  const own = normalised.match(/[a-z0-9]+/g) ?? [];
  return own.some((w) => words.some((g) => (w.length >= 3 && g.startsWith(w)) || w.startsWith(g)));
}

/** The theme whose words appear most in the goal (title counted twice), else the general one. */
export function pickTheme(goal: string, description: string, language: DraftLanguage): Theme {
  const score = (theme: Theme): number => {
    const hits = (text: string): number => {
      const normalised = text.normalize('NFKC').toLowerCase();
      const words = new Set(normalised.match(/[a-z0-9]+/g) ?? []);
      return theme.keywords[language].filter((k) =>
        language === 'en' ? words.has(k) : normalised.includes(k.toLowerCase()),
      ).length;
    };
    return 2 * hits(goal) + hits(description);
  };
  let best = generalTheme;
  let bestScore = 0;
  for (const theme of themes) {
    const s = score(theme);
    if (s > bestScore) [best, bestScore] = [theme, s];
  }
  return best;
}

/** Starting at `start`, every entry of `list` once (wrapping round). */
function rotated<T>(list: readonly T[], start: number): T[] {
  const offset = ((start % list.length) + list.length) % list.length;
  return [...list.slice(offset), ...list.slice(0, offset)];
}

/** A sub-goal as it reads inside an action: English lower-cased mid-sentence (acronyms kept). */
function asObject(subGoal: string, language: DraftLanguage): string {
  if (language === 'ja') return subGoal;
  return subGoal
    .split(' ')
    .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(' ');
}

/** Short enough to name inside an action phrase (longer sub-goals get standalone actions only). */
function nameable(subGoal: string, language: DraftLanguage): boolean {
  const length = [...subGoal].length;
  return language === 'ja' ? length > 0 && length <= 8 : length > 0 && subGoal.split(/\s+/).length <= 3;
}

function actionCandidates(request: DraftRequest, words: readonly string[]): string[] {
  const { language } = request;
  const subGoal = (request.subGoal ?? '').trim();
  const position = request.subGoalPosition ?? 0;
  const plain = rotated(plainActions[language], position * 3);
  const named =
    nameable(subGoal, language) && !repeats(subGoal, words, language)
      ? rotated(objectActions[language], position * 5).map((p) =>
          p.replace('{o}', asObject(subGoal, language)),
        )
      : [];
  if (named.length === 0) return plain;
  // Two naming the sub-goal, then one standing alone: a block reads varied, its own sub-goal still clear.
  const mixed: string[] = [];
  let n = 0;
  let p = 0;
  while (n < named.length || p < plain.length) {
    if (n < named.length) mixed.push(named[n++]!);
    if (n < named.length) mixed.push(named[n++]!);
    if (p < plain.length) mixed.push(plain[p++]!);
  }
  return mixed;
}

function subGoalCandidates(request: DraftRequest): string[] {
  const { language } = request;
  const theme = pickTheme(request.goal, request.description, language);
  const others = [generalTheme, ...themes].filter((t) => t !== theme);
  return [theme, ...others].flatMap((t) => t.subGoals[language]);
}

/** `request.count` distinct titles within `request.maxLength`, none repeating `request.keep` or the goal. */
export function fakeDraftTitles(request: DraftRequest): string[] {
  const { language } = request;
  const words = goalWords(`${request.goal} ${request.description}`, language);
  const taken = new Set(request.keep.map(key));
  const titles: string[] = [];
  const candidates =
    request.kind === 'subGoals' ? subGoalCandidates(request) : actionCandidates(request, words);
  const accept = (title: string, checkWords = true): void => {
    if (titles.length >= request.count || [...title].length > request.maxLength) return;
    if (taken.has(key(title)) || (checkWords && repeats(title, words, language))) return;
    taken.add(key(title));
    titles.push(title);
  };
  for (const candidate of candidates) accept(candidate);
  // Only a goal using most of the library's words gets here: numbered steps, still whole words.
  for (let n = 1; titles.length < request.count; n++) {
    accept(language === 'ja' ? `ステップ${n}` : `Step ${n}`, n <= 100);
  }
  return titles;
}
