/**
 * "Draft with AI": starts the drafting job (the API returns at once with a job id) and polls its status
 * until it ends, showing a progress indicator meanwhile. Succeeded → the chart reloads.
 *
 * The job id is remembered for the goal (draft-memory.ts), so when the chart opens again (a reload, a
 * visit elsewhere) a draft still running is rejoined: its progress shows and the chart refreshes at the end.
 */
import { api, errorCode, type AiJobStatus, type Chart } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { forgetDraft, recallDraft, rememberDraft } from '../draft-memory.js';
import { t } from '../i18n.js';
import { isNetworkFailure } from '../network-failure.js';
import { hasDraftedCell, hasEmptyCell } from './chart-cells.js';

export interface AiDraft {
  readonly element: HTMLElement;
  /** The chart changed (edited, drafted, undone): "Undo draft" shows only while drafted cells remain. */
  chartChanged(): void;
}

/** How often the job's status is asked for. */
const POLL_INTERVAL_MS = 1000;

/**
 * A status check that gets no answer (or a passing server error) is asked again, after 1, 2, 4, 8 s…; the
 * draft is reported failed only after this many failures in a row, or on an answer that settles it.
 */
const MAX_POLL_FAILURES = 5;
const backoffMs = (failures: number) => Math.min(POLL_INTERVAL_MS * 2 ** (failures - 1), 15_000);

/** Answers meaning the remembered job is of no use any more: gone, someone else's, or an unreadable id. */
const JOB_GONE = new Set(['NOT_FOUND', 'UNAUTHORIZED', 'BAD_REQUEST']);

export function createAiDraft(
  context: AppContext,
  goalId: string,
  chart: () => Chart,
  onDrafted: () => Promise<void>,
): AiDraft {
  const userId = context.session.user.id;
  const status = h('div', { class: 'ai-status', role: 'status', 'aria-live': 'polite' });
  // Locally the drafts come from an offline stand-in: people should not judge the AI by them.
  const source = h('p', { class: 'ai-source hint', hidden: true }, t('aiLocalStandIn'));
  const showSource = (drafter: string): void => {
    source.hidden = drafter !== 'local-stand-in';
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let failuresInARow = 0;
  context.onLeave(() => {
    stopped = true;
    clearTimeout(timer);
  });

  const button = h(
    'button',
    {
      type: 'button',
      class: 'ai-button',
      onclick: async () => {
        // A full chart: say so, rather than start a draft that fills nothing.
        if (!hasEmptyCell(chart())) {
          status.dataset.state = 'nothing';
          replace(status, h('span', null, t('aiNothingToDraft')));
          return;
        }
        button.disabled = true;
        show('queued');
        try {
          const { jobId, drafter } = await api.ai.generate.mutate({ goalId });
          showSource(drafter);
          rememberDraft(userId, goalId, jobId);
          poll(jobId);
        } catch (failure) {
          button.disabled = false;
          replace(status);
          context.reportError(failure, status);
        }
      },
    },
    t('draftWithAi'),
  );

  function show(state: AiJobStatus['status'], error?: string): void {
    status.dataset.state = state;
    if (state === 'queued' || state === 'running') {
      replace(
        status,
        h('progress', { 'aria-label': t('draftWithAi') }),
        h('span', null, t(state === 'queued' ? 'aiQueued' : 'aiRunning')),
      );
    } else if (state === 'succeeded') {
      replace(status, h('span', null, t('aiSucceeded')));
    } else {
      replace(status, h('span', { class: 'error' }, t('aiFailed', { error: error ?? '' })));
    }
  }

  function poll(jobId: string, delayMs = POLL_INTERVAL_MS, rejoined = false): void {
    timer = setTimeout(() => void check(jobId, rejoined), delayMs);
  }

  /**
   * Asks for the job's status once and acts on it. `rejoined`: the first ask for a remembered job, which
   * may have ended while nobody watched — then its success is not announced (the chart just shows it).
   */
  async function check(jobId: string, rejoined: boolean): Promise<void> {
    if (stopped) return;
    try {
      const job = await api.ai.status.query({ jobId });
      if (stopped) return;
      failuresInARow = 0;
      showSource(job.drafter);
      if (job.status === 'queued' || job.status === 'running') {
        show(job.status);
        poll(jobId);
        return;
      }
      forgetDraft(userId, goalId);
      if (job.status === 'succeeded') {
        // Also when rejoined: the chart may have been read just before the draft was saved.
        await onDrafted();
        if (!rejoined) show('succeeded');
      } else {
        show('failed', job.error ?? undefined);
      }
      button.disabled = false;
    } catch (failure) {
      if (stopped) return;
      const code = errorCode(failure);
      // No answer, or the server briefly unwell: the draft goes on without us watching; ask again later.
      const passing =
        isNetworkFailure(failure) || code === 'SERVICE_UNAVAILABLE' || code === 'TOO_MANY_REQUESTS';
      if (passing && ++failuresInARow < MAX_POLL_FAILURES) {
        status.dataset.state = 'retrying';
        replace(
          status,
          h('progress', { 'aria-label': t('draftWithAi') }),
          h('span', null, t('aiPollRetrying')),
        );
        poll(jobId, backoffMs(failuresInARow), rejoined);
        return;
      }
      failuresInARow = 0;
      button.disabled = false;
      if (passing && isNetworkFailure(failure)) {
        // The job id stays remembered: a reload rejoins the draft.
        status.dataset.state = 'lost';
        replace(status, h('span', { class: 'error' }, t('aiPollLost')));
        return;
      }
      if (JOB_GONE.has(code ?? '')) {
        forgetDraft(userId, goalId);
        // A remembered job that is gone is nothing to tell; the app checks the session on its own.
        if (rejoined) return;
      }
      context.reportError(failure, status);
    }
  }

  const remembered = recallDraft(userId, goalId);
  if (remembered) {
    button.disabled = true;
    void check(remembered, true);
  }

  // Back to the chart as it was before the last draft (cells edited since are kept).
  const undo = h(
    'button',
    {
      type: 'button',
      class: 'secondary undo-draft',
      onclick: async () => {
        undo.disabled = true;
        try {
          const { cleared } = await api.ai.undoDraft.mutate({ goalId });
          await onDrafted();
          status.dataset.state = 'undone';
          replace(status, h('span', null, t('aiUndone', { n: cleared })));
        } catch (failure) {
          context.reportError(failure, status);
        } finally {
          undo.disabled = false;
          chartChanged();
        }
      },
    },
    t('undoDraft'),
  );
  function chartChanged(): void {
    undo.hidden = !hasDraftedCell(chart());
  }
  chartChanged();

  return { element: h('div', { class: 'ai-draft' }, button, undo, status, source), chartChanged };
}
