import type { DraftLanguage } from './language.js';
import { workflowErrors } from './steps.js';

type Reasons = Record<string, string>;

/** What the user reads in `ai/status` for each way the workflow can fail (never internal detail). */
const en = (() => {
  const unchanged = 'Nothing in your chart was changed.';
  return {
    [workflowErrors.modelThrottled]: `The AI service is busy right now. ${unchanged} Please try again in a few minutes.`,
    [workflowErrors.modelUnavailable]: `The AI service is unavailable right now. ${unchanged} Please try again later.`,
    [workflowErrors.modelTimeout]: `The AI service took too long to answer. ${unchanged} Please try again.`,
    [workflowErrors.modelAnswerInvalid]: `The AI's answer did not fit the chart, so it was discarded. ${unchanged} Please try again.`,
    [workflowErrors.modelRequestRejected]: `The AI service refused the request. ${unchanged} Please contact support if this persists.`,
    [workflowErrors.databaseUnavailable]: `The drafts could not be saved because the database was unreachable. ${unchanged} Please try again.`,
    [workflowErrors.databaseError]: `The drafts could not be saved. ${unchanged} Please try again.`,
    [workflowErrors.goalNotFound]: 'The goal was deleted or changed before the drafts were ready.',
    'States.Timeout': `A step of the generation took too long. ${unchanged} Please try again.`,
    default: `The generation failed. ${unchanged} Please try again.`,
    stale: `The AI draft took too long and was stopped. ${unchanged} Please try again.`,
    notStarted: 'The AI draft could not be started. Please try again.',
    stopped: `The local stack stopped before the AI draft finished. ${unchanged} Please try again.`,
  } satisfies Reasons;
})();

const ja = (() => {
  const unchanged = 'チャートは変更されていません。';
  return {
    [workflowErrors.modelThrottled]: `AIサービスが混み合っています。${unchanged}数分後にもう一度お試しください。`,
    [workflowErrors.modelUnavailable]: `AIサービスが現在利用できません。${unchanged}しばらくしてからお試しください。`,
    [workflowErrors.modelTimeout]: `AIサービスの応答に時間がかかりすぎました。${unchanged}もう一度お試しください。`,
    [workflowErrors.modelAnswerInvalid]: `AIの回答がチャートに合わなかったため破棄しました。${unchanged}もう一度お試しください。`,
    [workflowErrors.modelRequestRejected]: `AIサービスがリクエストを拒否しました。${unchanged}続く場合はお問い合わせください。`,
    [workflowErrors.databaseUnavailable]: `データベースに接続できず、下書きを保存できませんでした。${unchanged}もう一度お試しください。`,
    [workflowErrors.databaseError]: `下書きを保存できませんでした。${unchanged}もう一度お試しください。`,
    [workflowErrors.goalNotFound]: '下書きの完成前に目標が削除または変更されました。',
    'States.Timeout': `生成の処理に時間がかかりすぎました。${unchanged}もう一度お試しください。`,
    default: `生成に失敗しました。${unchanged}もう一度お試しください。`,
    stale: `AIの下書きに時間がかかりすぎたため中止しました。${unchanged}もう一度お試しください。`,
    notStarted: 'AIの下書きを開始できませんでした。もう一度お試しください。',
    stopped: `AIの下書きが終わる前にローカル環境が停止しました。${unchanged}もう一度お試しください。`,
  } satisfies Reasons;
})();

const reasons: Record<DraftLanguage, Reasons> = { en, ja };

/** The readable reason for a caught Step Functions error (its `Error` field), in the goal's language. */
export function failureReason(errorName: string, language: DraftLanguage = 'en'): string {
  return reasons[language][errorName] ?? reasons[language].default!;
}

/** Reasons recorded outside the workflow: an execution lost, never started, or stopped with the local stack. */
export type JobReasonKind = 'stale' | 'notStarted' | 'stopped';

export function jobReason(kind: JobReasonKind, language: DraftLanguage): string {
  return reasons[language][kind]!;
}
