/** The signed-in home: the user's goals with their progress, and a form to create one. */
import { api, type GoalSummary } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import { localDate } from '../local-date.js';
import { isPendingDelete } from '../undoable-delete.js';
import { goalDeleteKey } from './goal-delete.js';
import { sayWhenFull } from './length-limit.js';
import { progressBar } from './progress-bar.js';

export function renderGoalsView(main: HTMLElement, context: AppContext): void {
  const list = h(
    'div',
    { class: 'goal-list', 'aria-busy': 'true' },
    h('p', { class: 'loading' }, t('loading')),
  );
  const listError = h('p', { class: 'error', role: 'alert', hidden: true });
  const heading = h('h1', { id: 'goals-title' }, t('myGoals'));
  replace(
    main,
    h(
      'section',
      { 'aria-labelledby': 'goals-title' },
      heading,
      listError,
      list,
      h('p', { class: 'hint progress-rule' }, t('progressRule')),
    ),
    createGoalForm(context),
  );
  context.focusHeading(heading);

  api.goals.list
    .query({ today: localDate() })
    .then((goals) => {
      list.removeAttribute('aria-busy');
      // A goal whose delete waits out its Undo notice is already gone for the person.
      const shown = goals.filter((goal) => !isPendingDelete(goalDeleteKey(goal.id)));
      replace(list, shown.length === 0 ? h('p', { class: 'empty' }, t('noGoals')) : goalItems(shown));
    })
    .catch((error: unknown) => context.reportError(error, listError));
}

function goalItems(goals: GoalSummary[]): HTMLElement {
  return h(
    'ul',
    { class: 'goals' },
    ...goals.map((goal) =>
      h(
        'li',
        { 'data-goal-id': goal.id },
        h(
          'a',
          { href: `#/goals/${encodeURIComponent(String(goal.id))}`, class: 'goal-link card' },
          h('span', { class: 'goal-title' }, goal.title),
          goal.deadline && h('span', { class: 'deadline' }, `${t('deadline')}: ${goal.deadline}`),
          progressBar(goal.progress, t('progress')),
        ),
      ),
    ),
  );
}

function createGoalForm(context: AppContext): HTMLElement {
  const title = sayWhenFull(h('input', { id: 'goal-title', name: 'title', required: true, maxlength: 200 }));
  const deadline = h('input', { id: 'goal-deadline', name: 'deadline', type: 'date' });
  const description = sayWhenFull(
    h('textarea', { id: 'goal-description', name: 'description', rows: 2, maxlength: 2000 }),
  );
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit' }, t('create'));
  return h(
    'form',
    {
      class: 'card new-goal',
      'aria-labelledby': 'new-goal-title',
      onsubmit: submitHandler({
        button: submit,
        error,
        report: context.reportError,
        send: () =>
          api.goals.create.mutate({
            title: title.value.trim(),
            ...(description.value.trim() ? { description: description.value.trim() } : {}),
            ...(deadline.value ? { deadline: deadline.value } : {}),
          }),
        done: (goal) => context.navigate(`#/goals/${encodeURIComponent(String(goal.id))}`),
        keepDisabled: true,
      }),
    },
    h('h2', { id: 'new-goal-title' }, t('newGoal')),
    h('label', { for: 'goal-title' }, t('goalTitle')),
    title,
    h('label', { for: 'goal-description' }, t('description')),
    description,
    h('label', { for: 'goal-deadline' }, t('deadline')),
    deadline,
    error,
    submit,
  );
}
