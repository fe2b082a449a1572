/**
 * Today: overdue and soon-due tasks across all goals, repeating tasks (ticked per day) and undated tasks
 * ("Anytime"), each with its goal and action, dates said relatively ("Tomorrow", "Friday"). Ticking keeps
 * the item where it is (and focus on its checkbox), so the list does not jump; "Tomorrow" and the date field
 * reschedule; the quick-add form puts a task on any action of any goal.
 */
import { api, type RouterOutputs } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { language, t, type MessageKey } from '../i18n.js';
import { localDate } from '../local-date.js';
import { addDays, relativeDate } from '../relative-date.js';
import { createQuickAdd } from './quick-add.js';
import { repeatLabel } from './repeat-label.js';

type UpcomingTask = RouterOutputs['tasks']['upcoming'][number];

/** How far ahead Today looks. */
const DAYS_AHEAD = 7;

export function renderTodayView(main: HTMLElement, context: AppContext): void {
  const heading = h('h1', { id: 'today-title' }, t('today'));
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('loading')));
  const today = localDate();

  /** Draws the lists anew; `focus` takes focus back to that task's control after a reschedule. */
  const load = (focus?: { taskId: string; control: string }): void => {
    api.tasks.upcoming
      .query({ today, days: DAYS_AHEAD, anytime: true })
      .then((tasks) => {
        body.removeAttribute('aria-busy');
        showTasks(body, tasks, today, { context, error, reload: load });
        if (focus) {
          const item = body.querySelector(`[data-task-id="${focus.taskId}"]`);
          (item?.querySelector(`[data-control="${focus.control}"]`) as HTMLElement | null)?.focus();
        }
      })
      .catch((failure: unknown) => {
        body.removeAttribute('aria-busy');
        replace(body);
        context.reportError(failure, error);
      });
  };

  replace(
    main,
    h(
      'section',
      { 'aria-labelledby': 'today-title', class: 'today' },
      heading,
      error,
      body,
      createQuickAdd(context, today, () => load()),
    ),
  );
  context.focusHeading(heading);
  load();
}

interface ItemOptions {
  readonly context: AppContext;
  readonly error: HTMLElement;
  readonly reload: (focus?: { taskId: string; control: string }) => void;
}

function showTasks(body: HTMLElement, tasks: UpcomingTask[], today: string, options: ItemOptions): void {
  if (tasks.length === 0) {
    replace(body, h('p', { class: 'empty' }, t('todayEmpty', { n: DAYS_AHEAD })));
    return;
  }
  const oneOff = tasks.filter((task) => !task.repeat);
  const groups: [MessageKey, UpcomingTask[]][] = [
    ['overdue', oneOff.filter((task) => task.dueDate !== null && task.dueDate < today)],
    [
      'dueToday',
      [...tasks.filter((task) => task.repeat), ...oneOff.filter((task) => task.dueDate === today)],
    ],
    ['comingUp', oneOff.filter((task) => task.dueDate !== null && task.dueDate > today)],
    ['anytime', oneOff.filter((task) => task.dueDate === null)],
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
          h('ul', { class: 'tasks' }, ...list.map((task) => todayItem(task, today, options))),
        ),
      ),
  );
}

function todayItem(task: UpcomingTask, today: string, options: ItemOptions): HTMLElement {
  const { context, error } = options;
  const item = h('li', { class: `task task-${task.status}`, 'data-task-id': task.id });
  const repeating = task.repeat !== null;
  const checkbox = h('input', {
    type: 'checkbox',
    checked: repeating ? task.doneToday : task.status === 'done',
    'aria-label': repeating ? t('doneTodayLabel', { title: task.title }) : `${t('done')}: ${task.title}`,
    onchange: async () => {
      checkbox.disabled = true;
      try {
        if (repeating) {
          const updated = await api.tasks.setDone.mutate({
            taskId: task.id,
            date: today,
            done: checkbox.checked,
          });
          meta.textContent = repeatLabel(updated);
          item.className = `task ${updated.doneToday ? 'task-done' : 'task-todo'}`;
        } else {
          const status = checkbox.checked ? 'done' : 'todo';
          const updated = await api.tasks.update.mutate({ taskId: task.id, status, today });
          item.className = `task task-${updated.status}`;
        }
      } catch (failure) {
        checkbox.checked = !checkbox.checked;
        context.reportError(failure, error);
      } finally {
        checkbox.disabled = false;
        checkbox.focus();
      }
    },
  });
  if (repeating) item.className = `task ${task.doneToday ? 'task-done' : 'task-todo'}`;
  const where = task.actionTitle ? `${task.goalTitle} › ${task.actionTitle}` : task.goalTitle;
  const meta = h(
    'span',
    { class: 'task-due' },
    repeating
      ? repeatLabel(task)
      : task.dueDate
        ? h('time', { datetime: task.dueDate }, relativeDate(task.dueDate, today, language()))
        : '',
  );
  const reschedule = async (dueDate: string | null, control: string): Promise<void> => {
    try {
      await api.tasks.update.mutate({ taskId: task.id, dueDate, today });
      options.reload({ taskId: task.id, control });
    } catch (failure) {
      context.reportError(failure, error);
    }
  };
  const tomorrow = addDays(today, 1);
  replace(
    item,
    checkbox,
    h(
      'span',
      { class: 'task-title' },
      task.title,
      h('a', { class: 'task-where', href: `#/goals/${encodeURIComponent(task.goalId)}` }, where),
    ),
    meta,
    !repeating &&
      task.status !== 'done' &&
      task.dueDate !== tomorrow &&
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          'data-control': 'tomorrow',
          'aria-label': t('moveToTomorrowLabel', { title: task.title }),
          onclick: () => reschedule(tomorrow, 'date'),
        },
        t('moveToTomorrow'),
      ),
    !repeating &&
      h('input', {
        type: 'date',
        class: 'task-date',
        'data-control': 'date',
        value: task.dueDate ?? '',
        'aria-label': `${t('dueDate')}: ${task.title}`,
        onchange: (event: Event) => reschedule((event.target as HTMLInputElement).value || null, 'date'),
      }),
  );
  return item;
}
