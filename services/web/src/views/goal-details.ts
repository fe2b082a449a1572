/**
 * The goal's title, deadline and description on the chart view, with "Edit goal" opening a form in their
 * place (goals/update; the same limits as creating a goal). Cancel and Escape leave them as they were.
 */
import { api, type Chart } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import { sayWhenFull } from './length-limit.js';

type GoalDetails = Pick<Chart, 'title' | 'deadline' | 'description'>;

export interface GoalDetailsView {
  readonly element: HTMLElement;
  /** The heading, for focus on arrival. */
  readonly heading: HTMLElement;
  /** The title changed elsewhere (the chart's centre cell). */
  setTitle(title: string): void;
}

const dateOf = (deadline: GoalDetails['deadline']) => (deadline ? String(deadline).slice(0, 10) : '');

export function createGoalDetails(
  context: AppContext,
  goalId: string,
  initial: GoalDetails,
  onSaved: (details: GoalDetails) => void,
): GoalDetailsView {
  let details = initial;
  const element = h('div', { class: 'goal-details' });
  const heading = h('h1', { class: 'goal-heading' }, details.title);

  function show(): void {
    heading.textContent = details.title;
    replace(
      element,
      heading,
      details.deadline && h('p', { class: 'deadline' }, `${t('deadline')}: ${dateOf(details.deadline)}`),
      details.description && h('p', { class: 'description' }, details.description),
      h('button', { type: 'button', class: 'secondary small', onclick: edit }, t('editGoal')),
    );
  }

  function edit(): void {
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const title = sayWhenFull(
      h('input', { id: 'edit-goal-title', required: true, maxlength: 200, value: details.title }),
    );
    const deadline = h('input', { id: 'edit-goal-deadline', type: 'date', value: dateOf(details.deadline) });
    const description = sayWhenFull(
      h('textarea', {
        id: 'edit-goal-description',
        rows: 3,
        maxlength: 2000,
        value: details.description ?? '',
      }),
    );
    const save = h('button', { type: 'submit' }, t('save'));
    const cancel = (): void => {
      show();
      (element.querySelector('button') as HTMLElement | null)?.focus();
    };
    const form = h(
      'form',
      {
        class: 'card goal-edit-form',
        'aria-label': t('editGoal'),
        onkeydown: (event: Event) => {
          if ((event as KeyboardEvent).key === 'Escape') cancel();
        },
        onsubmit: submitHandler({
          button: save,
          error,
          report: context.reportError,
          send: () =>
            api.goals.update.mutate({
              goalId,
              title: title.value.trim(),
              description: description.value.trim(),
              deadline: deadline.value || null,
            }),
          done: (updated) => {
            details = updated;
            onSaved(updated);
            cancel();
          },
          keepDisabled: true,
        }),
      },
      h('label', { for: title.id }, t('goalTitle')),
      title,
      h('label', { for: deadline.id }, t('deadline')),
      deadline,
      h('label', { for: description.id }, t('description')),
      description,
      error,
      h(
        'div',
        { class: 'form-actions' },
        save,
        h('button', { type: 'button', class: 'secondary', onclick: cancel }, t('cancel')),
      ),
    );
    replace(element, form);
    title.focus();
  }

  show();
  return {
    element,
    heading,
    setTitle(title) {
      details = { ...details, title };
      heading.textContent = title;
    },
  };
}
