/**
 * "Draft with AI": starts the drafting job (the API returns at once with a job id) and polls its status
 * until it ends, showing a progress indicator meanwhile. Succeeded → the chart reloads.
 *
 * The job id is remembered for the goal (draft-memory.ts), so when the chart opens again (a reload, a
 * visit elsewhere) a draft still running is rejoined: its progress shows and the chart refreshes at the end.
 */
import { api, errorCode, type AiJobStatus } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { forgetDraft, recallDraft, rememberDraft } from '../draft-memory.js';
import { t } from '../i18n.js';

/** How often the job's status is asked for. */
const POLL_INTERVAL_MS = 1000;

/** Answers meaning the remembered job is of no use any more: gone, someone else's, or an unreadable id. */
const JOB_GONE = new Set(['NOT_FOUND', 'UNAUTHORIZED', 'BAD_REQUEST']);

export function createAiDraft(
  context: AppContext,
  goalId: string,
  onDrafted: () => Promise<void>,
): HTMLElement {
  const userId = context.session.user.id;
  const status = h('div', { class: 'ai-status', role: 'status', 'aria-live': 'polite' });
  // Locally the drafts come from an offline stand-in: people should not judge the AI by them.
  const source = h('p', { class: 'ai-source hint', hidden: true }, t('aiLocalStandIn'));
  const showSource = (drafter: string): void => {
    source.hidden = drafter !== 'local-stand-in';
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
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

  function poll(jobId: string): void {
    timer = setTimeout(() => void check(jobId, false), POLL_INTERVAL_MS);
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
      button.disabled = false;
      if (JOB_GONE.has(errorCode(failure) ?? '')) {
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

  return h('div', { class: 'ai-draft' }, button, status, source);
}
