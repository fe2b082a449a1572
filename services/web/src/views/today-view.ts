/**
 * Today: overdue and soon-due tasks across all goals (tasks/upcoming), each with its goal and action, ticked
 * off in place. Ticking keeps the item where it is (and focus on its checkbox), so the list does not jump.
 */
import { api, type RouterOutputs } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { t, type MessageKey } from '../i18n.js';
import { localDate } from '../local-date.js';

type UpcomingTask = RouterOutputs['tasks']['upcoming'][number];

/** How far ahead Today looks. */
const DAYS_AHEAD = 7;

export function renderTodayView(main: HTMLElement, context: AppContext): void {
  const heading = h('h1', { id: 'today-title' }, t('today'));
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('loading')));
  replace(main, h('section', { 'aria-labelledby': 'today-title', class: 'today' }, heading, error, body));
  context.focusHeading(heading);

  const today = localDate();
  api.tasks.upcoming
    .query({ today, days: DAYS_AHEAD })
    .then((tasks) => {
      body.removeAttribute('aria-busy');
      if (tasks.length === 0) {
        replace(body, h('p', { class: 'empty' }, t('todayEmpty', { n: DAYS_AHEAD })));
        return;
      }
      const groups: [MessageKey, UpcomingTask[]][] = [
        ['overdue', tasks.filter((task) => task.dueDate! < today)],
        ['dueToday', tasks.filter((task) => task.dueDate === today)],
        ['comingUp', tasks.filter((task) => task.dueDate! > today)],
      ];
      replace(
        body,
        ...groups
          .filter(([, list]) => list.length > 0)
          .map(([title, list]) =>
            h(
              'section',
              { class: `card today-group today-${title}`, 'aria-labelledby': `today-${title}` },
              h('h2', { id: `today-${title}` }, `${t(title)} (${list.length})`),
              h('ul', { class: 'tasks' }, ...list.map((task) => todayItem(task, context, error))),
            ),
          ),
      );
    })
    .catch((failure: unknown) => {
      body.removeAttribute('aria-busy');
      replace(body);
      context.reportError(failure, error);
    });
}

function todayItem(task: UpcomingTask, context: AppContext, error: HTMLElement): HTMLElement {
  const item = h('li', { class: `task task-${task.status}`, 'data-task-id': task.id });
  const checkbox = h('input', {
    type: 'checkbox',
    checked: task.status === 'done',
    'aria-label': `${t('done')}: ${task.title}`,
    onchange: async () => {
      const status = checkbox.checked ? 'done' : 'todo';
      checkbox.disabled = true;
      try {
        const updated = await api.tasks.update.mutate({ taskId: task.id, status });
        item.className = `task task-${updated.status}`;
      } catch (failure) {
        checkbox.checked = !checkbox.checked;
        context.reportError(failure, error);
      } finally {
        checkbox.disabled = false;
        checkbox.focus();
      }
    },
  });
  const where = task.actionTitle ? `${task.goalTitle} › ${task.actionTitle}` : task.goalTitle;
  replace(
    item,
    checkbox,
    h(
      'span',
      { class: 'task-title' },
      task.title,
      h('a', { class: 'task-where', href: `#/goals/${encodeURIComponent(task.goalId)}` }, where),
    ),
    h('time', { class: 'task-due', datetime: task.dueDate ?? '' }, task.dueDate ?? ''),
  );
  return item;
}
