/**
 * "Draft with AI": starts the drafting job (the API returns at once with a job id) and polls its status
 * until it ends, showing a progress indicator meanwhile. Succeeded → the chart reloads.
 */
import { api, type AiJobStatus } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

/** How often the job's status is asked for. */
const POLL_INTERVAL_MS = 1000;

export function createAiDraft(
  context: AppContext,
  goalId: string,
  onDrafted: () => Promise<void>,
): HTMLElement {
  const status = h('div', { class: 'ai-status', role: 'status', 'aria-live': 'polite' });
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
          const { jobId } = await api.ai.generate.mutate({ goalId });
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
    timer = setTimeout(async () => {
      if (stopped) return;
      try {
        const job = await api.ai.status.query({ jobId });
        if (stopped) return;
        if (job.status === 'queued' || job.status === 'running') {
          show(job.status);
          poll(jobId);
          return;
        }
        if (job.status === 'succeeded') await onDrafted();
        show(job.status, job.error ?? undefined);
        button.disabled = false;
      } catch (failure) {
        button.disabled = false;
        context.reportError(failure, status);
      }
    }, POLL_INTERVAL_MS);
  }

  return h('div', { class: 'ai-draft' }, button, status);
}
