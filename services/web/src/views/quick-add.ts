/**
 * Quick add (Today): a task on any action of any goal, due today, tomorrow or anytime, repeating or not,
 * without opening the chart. The goal's actions load when the goal is chosen.
 */
import { api, type Chart, type GoalSummary } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import { addDays } from '../relative-date.js';
import { sayWhenFull } from './length-limit.js';
import { chosenRepeat, repeatSelect } from './repeat-label.js';

/** The action slots to offer: the named ones, or every one while none is named. */
function actionOptions(chart: Chart): HTMLElement[] {
  const named = chart.subGoals.some((subGoal) => subGoal.actions.some((action) => action.title));
  return chart.subGoals.flatMap((subGoal) => {
    const actions = subGoal.actions.filter((action) => !named || action.title);
    if (actions.length === 0) return [];
    return [
      h(
        'optgroup',
        { label: subGoal.title || t('subGoal', { n: subGoal.position + 1 }) },
        ...actions.map((action) =>
          h(
            'option',
            { value: `${subGoal.position}:${action.position}` },
            action.title || t('action', { s: subGoal.position + 1, n: action.position + 1 }),
          ),
        ),
      ),
    ];
  });
}

export function createQuickAdd(context: AppContext, today: string, onAdded: () => void): HTMLElement {
  const form = h('form', { class: 'card quick-add', 'aria-labelledby': 'quick-add-title' });
  const heading = h('h2', { id: 'quick-add-title' }, t('quickAdd'));
  replace(form, heading, h('p', { class: 'loading' }, t('loading')));
  api.goals.list
    .query({ today })
    .then((goals) => fillForm(form, heading, goals, context, today, onAdded))
    .catch((failure: unknown) => {
      const error = h('p', { class: 'error', role: 'alert', hidden: true });
      replace(form, heading, error);
      context.reportError(failure, error);
    });
  return form;
}

function fillForm(
  form: HTMLFormElement,
  heading: HTMLElement,
  goals: GoalSummary[],
  context: AppContext,
  today: string,
  onAdded: () => void,
): void {
  if (goals.length === 0) {
    replace(form, heading, h('p', { class: 'hint' }, t('quickAddNoGoals')));
    return;
  }
  const title = sayWhenFull(h('input', { id: 'quick-title', name: 'title', required: true, maxlength: 200 }));
  const goal = h(
    'select',
    { id: 'quick-goal', name: 'goal' },
    ...goals.map((one) => h('option', { value: one.id }, one.title)),
  );
  const action = h('select', { id: 'quick-action', name: 'action', required: true });
  const when = h(
    'select',
    { id: 'quick-when', name: 'when' },
    h('option', { value: today }, t('today')),
    h('option', { value: addDays(today, 1) }, t('moveToTomorrow')),
    h('option', { value: '' }, t('anytime')),
  );
  const repeat = repeatSelect('quick-repeat');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const added = h('p', { class: 'notice', role: 'status', hidden: true });
  const add = h('button', { type: 'submit' }, t('addTask'));

  const loadActions = (): void => {
    action.disabled = true;
    api.goals.get
      .query({ goalId: goal.value })
      .then((chart) => {
        replace(action, ...actionOptions(chart));
        action.disabled = false;
      })
      .catch((failure: unknown) => context.reportError(failure, error));
  };
  goal.addEventListener('change', loadActions);
  loadActions();

  form.onsubmit = submitHandler({
    button: add,
    error,
    hideFirst: [added],
    report: context.reportError,
    send: () => {
      const [subGoal, actionPosition] = action.value.split(':').map(Number);
      const rule = chosenRepeat(repeat);
      return api.tasks.create.mutate({
        goalId: goal.value,
        subGoalPosition: subGoal!,
        actionPosition: actionPosition!,
        title: title.value.trim(),
        dueDate: rule ? null : when.value || null,
        repeat: rule,
        today,
      });
    },
    done: (task) => {
      added.textContent = t('taskAdded', { title: task.title });
      added.hidden = false;
      title.value = '';
      title.focus();
      onAdded();
    },
  });

  const field = (id: string, label: string, control: HTMLElement, grow = false) =>
    h('div', { class: grow ? 'field grow' : 'field' }, h('label', { for: id }, label), control);
  replace(
    form,
    heading,
    h(
      'div',
      { class: 'inline-form' },
      field('quick-title', t('taskTitle'), title, true),
      field('quick-goal', t('quickAddGoal'), goal),
      field('quick-action', t('quickAddAction'), action),
      field('quick-when', t('quickAddWhen'), when),
      field('quick-repeat', t('repeats'), repeat),
    ),
    error,
    added,
    add,
  );
}
