/**
 * Deterministic drafts the local model endpoint answers with, built from the goal and sub-goal text of the
 * request so a person trying `npm start` sees drafts that read as belonging to their goal.
 */
import type { DraftRequest } from '../../workflow/model/prompts.js';

const facets = {
  en: [
    'Skills',
    'Health',
    'Habits',
    'Knowledge',
    'People',
    'Money',
    'Mindset',
    'Environment',
    'Planning',
    'Feedback',
    'Rest',
    'Tools',
  ],
  ja: [
    'スキル',
    '健康',
    '習慣',
    '知識',
    '人脈',
    '資金',
    '心構え',
    '環境',
    '計画',
    '振り返り',
    '休息',
    '道具',
  ],
};

const verbs = {
  en: [
    'Plan',
    'Practice',
    'Track',
    'Review',
    'Learn about',
    'Share',
    'Improve',
    'Schedule',
    'Measure',
    'Celebrate',
    'Simplify',
    'Ask about',
  ],
  ja: [
    '計画する',
    '練習する',
    '記録する',
    '見直す',
    '学ぶ',
    '共有する',
    '改善する',
    '予定に入れる',
    '測る',
    '祝う',
    '整える',
    '相談する',
  ],
};

/** Cuts to at most `max` characters (code points, as the validation counts them). */
function cut(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, Math.max(1, max)).join('');
}

const key = (title: string): string => title.normalize('NFKC').trim().toLowerCase();

/** `request.count` distinct titles within `request.maxLength`, none repeating `request.keep`. */
export function fakeDraftTitles(request: DraftRequest): string[] {
  const subject = request.kind === 'subGoals' ? request.goal : (request.subGoal ?? request.goal);
  const words = request.kind === 'subGoals' ? facets[request.language] : verbs[request.language];
  const taken = new Set(request.keep.map(key));
  const titles: string[] = [];
  for (let i = 0; titles.length < request.count; i++) {
    const word = words[i % words.length]!;
    const round = i < words.length ? '' : ` ${Math.floor(i / words.length) + 1}`;
    const head = `${word}${round}`;
    const room = request.maxLength - [...head].length - 1;
    const title =
      request.language === 'ja'
        ? request.kind === 'subGoals'
          ? `${cut(subject, room)}の${head}`
          : `${cut(subject, room)}を${head}`
        : request.kind === 'subGoals'
          ? `${head}: ${cut(subject, room - 1)}`
          : `${head} ${cut(subject, room)}`;
    const final = cut(title, request.maxLength);
    if (taken.has(key(final))) continue;
    taken.add(key(final));
    titles.push(final);
  }
  return titles;
}
