import { describe, expect, it } from 'vitest';
import { fakeDraftTitles, goalWords, pickTheme } from '../../../local/workflow/fake-drafts.js';
import { generalTheme, objectActions, plainActions, themes } from '../../../local/workflow/phrase-library.js';
import type { DraftLanguage } from '../../../services/workflow/language.js';
import { maxTitleLength, type DraftRequest } from '../../../services/workflow/model/prompts.js';

const request = (language: DraftLanguage, goal: string, extra: Partial<DraftRequest> = {}): DraftRequest => ({
  kind: 'subGoals',
  language,
  goal,
  description: '',
  keep: [],
  count: 8,
  maxLength: maxTitleLength[language],
  ...extra,
});

/** The whole chart the local model drafts for an empty goal: 8 sub-goals, each with its 8 actions. */
function draftChart(language: DraftLanguage, goal: string): { subGoals: string[]; actions: string[][] } {
  const subGoals = fakeDraftTitles(request(language, goal));
  const actions = subGoals.map((subGoal, subGoalPosition) =>
    fakeDraftTitles(request(language, goal, { kind: 'actions', subGoal, subGoalPosition })),
  );
  return { subGoals, actions };
}

/** How a title begins: its first word in English, its first two characters in Japanese. */
const opening = (title: string, language: DraftLanguage): string =>
  language === 'en' ? title.split(' ')[0]!.toLowerCase() : [...title].slice(0, 2).join('');

const goals: readonly [DraftLanguage, string, string][] = [
  ['en', 'Run a full marathon', 'health'],
  ['en', 'Become a trusted software engineer', 'career'],
  ['en', 'Speak fluent Spanish', 'language'],
  ['en', 'Save money for a house', 'money'],
  ['en', 'Be a calmer person', 'general'],
  ['ja', '英語を話せるようになる', 'language'],
  ['ja', 'フルマラソンを完走する', 'health'],
  ['ja', '資格試験に合格する', 'study'],
  ['ja', '副業で起業する', 'business'],
  ['ja', '毎日を丁寧に過ごす', 'general'],
];

describe('the local model drafts like a planner', () => {
  it.each(goals)('%s "%s": the %s theme', (language, goal, theme) => {
    expect(pickTheme(goal, '', language).name).toBe(theme);
  });

  it.each(goals)(
    '%s "%s": short, distinct titles in the limit, none repeating the goal',
    (language, goal) => {
      const { subGoals, actions } = draftChart(language, goal);
      const words = goalWords(goal, language);
      expect(subGoals).toHaveLength(8);
      expect(new Set(subGoals).size).toBe(8);
      for (const block of actions) {
        expect(block).toHaveLength(8);
        expect(new Set(block).size).toBe(8);
      }
      for (const title of [...subGoals, ...actions.flat()]) {
        expect([...title].length).toBeLessThanOrEqual(maxTitleLength[language]);
        for (const word of words) expect(title.toLowerCase()).not.toContain(word);
      }
    },
  );

  it.each(goals)('%s "%s": openings vary within each block and across the chart', (language, goal) => {
    const { actions } = draftChart(language, goal);
    for (const block of actions) {
      expect(new Set(block.map((title) => opening(title, language))).size).toBeGreaterThanOrEqual(6);
    }
    const all = actions.flat();
    expect(new Set(all.map((title) => opening(title, language))).size).toBeGreaterThanOrEqual(20);
    // The same action repeats in at most a few blocks (different sub-goals share no standalone action).
    expect(new Set(all).size).toBeGreaterThanOrEqual(60);
  });

  it('never cuts a word: every title is a whole phrase of the library', () => {
    for (const [language, goal] of goals) {
      const { subGoals, actions } = draftChart(language, goal);
      const library = [generalTheme, ...themes].flatMap((theme) => theme.subGoals[language]);
      for (const title of subGoals) expect(library).toContain(title);
      actions.forEach((block, position) => {
        const subGoal = subGoals[position]!;
        const object = language === 'en' ? subGoal.toLowerCase() : subGoal;
        const phrases = [
          ...plainActions[language],
          ...objectActions[language].map((phrase) => phrase.replace('{o}', object)),
        ];
        for (const title of block) expect(phrases).toContain(title);
      });
    }
  });

  it('skips sub-goals the goal names and titles already in the chart', () => {
    const drafted = fakeDraftTitles(
      request('en', 'Sleep better and feel less stress', { keep: ['Balanced meals'], count: 7 }),
    );
    expect(drafted).toHaveLength(7);
    expect(drafted).not.toContain('Sleep routine');
    expect(drafted).not.toContain('Stress relief');
    expect(drafted).not.toContain('Balanced meals');
    expect(drafted[0]).toBe('Daily movement');
  });

  it('a long sub-goal typed by the person gets standalone actions, none cut', () => {
    const long = 'Get to the office before everyone else on Mondays';
    const drafted = fakeDraftTitles(
      request('en', 'Lead my team', { kind: 'actions', subGoal: long, subGoalPosition: 2 }),
    );
    expect(drafted).toEqual(plainActions.en.slice(6, 14));
  });

  it('is deterministic', () => {
    expect(draftChart('ja', '英語を話せるようになる')).toEqual(draftChart('ja', '英語を話せるようになる'));
  });

  it('still answers with whole words when the goal uses up the library', () => {
    const everything = [generalTheme, ...themes].flatMap((theme) => theme.subGoals.en).join(' ');
    const drafted = fakeDraftTitles(request('en', everything));
    expect(drafted).toHaveLength(8);
    expect(new Set(drafted).size).toBe(8);
    for (const title of drafted) expect(title).toMatch(/^Step \d+$/);
  });
});
