import type { DraftLanguage } from '../language.js';

/** Longest title a draft may have, in characters: the chart's cells are small, and Japanese is dense. */
export const maxTitleLength: Readonly<Record<DraftLanguage, number>> = { ja: 20, en: 40 };

/**
 * What the model is asked for. It travels inside the prompt as JSON between `<request>` tags, so the
 * answer's schema is stated once and the local model endpoint can read the request the same way.
 */
export interface DraftRequest {
  readonly kind: 'subGoals' | 'actions';
  readonly language: DraftLanguage;
  readonly goal: string;
  readonly description: string;
  /** The sub-goal the actions serve (`kind: "actions"` only). */
  readonly subGoal?: string;
  /** That sub-goal's position 0–7 (`kind: "actions"` only): the local model varies its phrasing by it. */
  readonly subGoalPosition?: number;
  /** Titles already in the chart (typed by the user): not to be repeated. */
  readonly keep: readonly string[];
  /** Exactly this many new titles. */
  readonly count: number;
  readonly maxLength: number;
}

export interface Prompt {
  readonly system: string;
  readonly user: string;
}

const system: Record<DraftLanguage, string> = {
  en:
    'You help people plan with a mandala chart: one central goal, 8 sub-goals around it, 8 concrete actions ' +
    'around each sub-goal. Write like an experienced planner: sub-goals are short noun phrases naming distinct ' +
    'areas; actions are concrete steps a person can start this week, each beginning differently. Never repeat ' +
    "the goal's own words, never cut a word to fit: choose a shorter phrase instead. " +
    'Answer with JSON only, exactly {"titles": ["...", ...]}, no prose, no numbering. ' +
    'Write every title in English.',
  ja:
    'あなたはマンダラチャート（中心の目標、その周りに8つのサブ目標、各サブ目標に8つの具体的な行動）の作成を手伝います。' +
    '経験のある計画の専門家のように書いてください。サブ目標は互いに異なる分野を表す短い名詞句、行動は今週から始められる具体的な一歩で、' +
    '書き出しが互いに重ならないようにします。目標の言葉をそのまま繰り返さず、字数に合わせて言葉を途中で切らず、短い言い方を選んでください。' +
    '回答は JSON のみで、必ず {"titles": ["...", ...]} の形にしてください。説明文や番号は付けないでください。' +
    'タイトルはすべて日本語で書いてください。',
};

function instruction(request: DraftRequest): string {
  const { count, maxLength } = request;
  if (request.language === 'ja') {
    return (
      (request.kind === 'subGoals'
        ? `目標「${request.goal}」を達成するためのサブ目標を、ちょうど ${count} 個考えてください。`
        : `目標「${request.goal}」のサブ目標「${request.subGoal}」のための具体的な行動を、ちょうど ${count} 個考えてください。`) +
      `各タイトルは ${maxLength} 文字以内（短いほど良い）、互いに重複せず、keep にあるものとも重複しないこと。`
    );
  }
  return (
    (request.kind === 'subGoals'
      ? `Propose exactly ${count} sub-goals that together achieve the goal "${request.goal}".`
      : `Propose exactly ${count} concrete actions for the sub-goal "${request.subGoal}" of the goal "${request.goal}".`) +
    ` Each title at most ${maxLength} characters (shorter is better), all distinct, none repeating a title in "keep".`
  );
}

/** The prompt for one request, in the goal's language. */
export function buildPrompt(request: DraftRequest): Prompt {
  return {
    system: system[request.language],
    user: `${instruction(request)}\n<request>${JSON.stringify(request)}</request>`,
  };
}

/** Reads the request back out of a prompt (the local model endpoint uses it). */
export function readRequest(userText: string): DraftRequest | undefined {
  const match = /<request>([\s\S]*)<\/request>/.exec(userText);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as DraftRequest;
  } catch {
    return undefined;
  }
}
