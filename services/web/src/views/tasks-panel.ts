/**
 * The tasks of the selected action: add one (title, due date), change its status or due date, delete it
 * (with a few seconds to undo).
 */
import { api, type Task, type TaskStatus } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t, type MessageKey } from '../i18n.js';
import { localDate } from '../local-date.js';
import { deleteWithUndo } from '../undoable-delete.js';
import { sayWhenFull } from './length-limit.js';
import { chosenRepeat, repeatLabel, repeatSelect } from './repeat-label.js';

export interface TasksPanelOptions {
  readonly context: AppContext;
  readonly goalId: string;
  /** Current tasks of the whole goal; the panel shows the selected action's. */
  readonly tasks: () => readonly Task[];
  /** Called with the goal's tasks after any change (the chart redraws progress). */
  readonly onChange: (tasks: Task[]) => void;
}

export interface ActionSelection {
  readonly subGoal: number;
  readonly action: number;
  readonly title: string;
}

const STATUSES: readonly { value: TaskStatus; key: MessageKey }[] = [
  { value: 'todo', key: 'statusTodo' },
  { value: 'doing', key: 'statusDoing' },
  { value: 'done', key: 'statusDone' },
];

export function renderTasksPanel(
  panel: HTMLElement,
  selection: ActionSelection | null,
  options: TasksPanelOptions,
): void {
  const heading = h(
    'h2',
    { id: 'tasks-title' },
    selection
      ? t('tasksFor', {
          action: selection.title || t('action', { s: selection.subGoal + 1, n: selection.action + 1 }),
        })
      : t('tasks'),
  );
  if (!selection) {
    replace(panel, heading, h('p', { class: 'hint' }, t('selectAction')));
    return;
  }
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const rerender = (): void => renderTasksPanel(panel, selection, options);
  const update = (next: Task[]): void => {
    options.onChange(next);
    rerender();
  };
  const own = options
    .tasks()
    .filter((task) => task.subGoalPosition === selection.subGoal && task.actionPosition === selection.action);

  const title = sayWhenFull(h('input', { id: 'task-title', name: 'title', required: true, maxlength: 200 }));
  const due = h('input', { id: 'task-due', name: 'dueDate', type: 'date' });
  const repeat = repeatSelect('task-repeat');
  const add = h('button', { type: 'submit' }, t('addTask'));
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: submitHandler({
        button: add,
        error,
        report: options.context.reportError,
        send: () =>
          api.tasks.create.mutate({
            goalId: options.goalId,
            subGoalPosition: selection.subGoal,
            actionPosition: selection.action,
            title: title.value.trim(),
            ...(due.value ? { dueDate: due.value } : {}),
            repeat: chosenRepeat(repeat),
            today: localDate(),
          }),
        done: (task) => {
          update([...options.tasks(), task]);
          (panel.querySelector('#task-title') as HTMLInputElement | null)?.focus();
        },
        keepDisabled: true, // the panel is drawn anew
      }),
    },
    h('div', { class: 'field grow' }, h('label', { for: 'task-title' }, t('taskTitle')), title),
    h('div', { class: 'field' }, h('label', { for: 'task-due' }, t('dueDate')), due),
    h('div', { class: 'field' }, h('label', { for: 'task-repeat' }, t('repeats')), repeat),
    add,
  );

  const change = async (
    task: Task,
    patch: { status?: TaskStatus; dueDate?: string | null; doneToday?: boolean },
  ): Promise<void> => {
    try {
      const updated =
        patch.doneToday === undefined
          ? await api.tasks.update.mutate({ taskId: task.id, ...patch, today: localDate() })
          : await api.tasks.setDone.mutate({ taskId: task.id, date: localDate(), done: patch.doneToday });
      // The panel is drawn anew: focus goes back to the control the person used, on the same task.
      const used = (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');
      update(options.tasks().map((other) => (other.id === task.id ? updated : other)));
      if (used) {
        for (const control of panel.querySelectorAll<HTMLElement>(
          `[data-task-id="${task.id}"] [aria-label]`,
        )) {
          if (control.getAttribute('aria-label') === used) control.focus();
        }
      }
    } catch (failure) {
      options.context.reportError(failure, error);
    }
  };

  const items = own.map((task) => {
    const labelId = `task-${task.id}-title`;
    // A repeating task is ticked per day (its history); a one-off task by its status.
    const checkbox = task.repeat
      ? h('input', {
          type: 'checkbox',
          checked: task.doneToday,
          'aria-label': t('doneTodayLabel', { title: task.title }),
          onchange: (event: Event) => change(task, { doneToday: (event.target as HTMLInputElement).checked }),
        })
      : h('input', {
          type: 'checkbox',
          checked: task.status === 'done',
          'aria-label': `${t('done')}: ${task.title}`,
          onchange: (event: Event) =>
            change(task, { status: (event.target as HTMLInputElement).checked ? 'done' : 'todo' }),
        });
    const status = h(
      'select',
      {
        'aria-label': `${t('status')}: ${task.title}`,
        onchange: (event: Event) =>
          change(task, { status: (event.target as HTMLSelectElement).value as TaskStatus }),
      },
      ...STATUSES.map((option) =>
        h('option', { value: option.value, selected: option.value === task.status }, t(option.key)),
      ),
    );
    const dueInput = h('input', {
      type: 'date',
      value: task.dueDate ? String(task.dueDate).slice(0, 10) : '',
      'aria-label': `${t('dueDate')}: ${task.title}`,
      onchange: (event: Event) => {
        const value = (event.target as HTMLInputElement).value;
        return change(task, { dueDate: value || null });
      },
    });
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': `${t('delete')}: ${task.title}`,
        onclick: () => {
          const index = options.tasks().indexOf(task);
          deleteWithUndo({
            message: t('taskDeleted', { title: task.title }),
            hide: () => update(options.tasks().filter((other) => other.id !== task.id)),
            restore: () => {
              const tasks = [...options.tasks()];
              tasks.splice(Math.max(0, Math.min(index, tasks.length)), 0, task);
              update(tasks);
            },
            remove: (client) => client.tasks.delete.mutate({ taskId: task.id }),
            onError: (failure) => options.context.reportError(failure, error),
          });
        },
      },
      '×',
    );
    if (task.repeat) {
      return h(
        'li',
        {
          class: `task task-repeating ${task.doneToday ? 'task-done' : 'task-todo'}`,
          'data-task-id': task.id,
        },
        checkbox,
        h('span', { id: labelId, class: 'task-title' }, task.title),
        h('span', { class: 'task-due' }, repeatLabel(task)),
        doneHistory(task.id),
        remove,
      );
    }
    return h(
      'li',
      { class: `task task-${task.status}`, 'data-task-id': String(task.id) },
      checkbox,
      h('span', { id: labelId, class: 'task-title' }, task.title),
      status,
      dueInput,
      remove,
    );
  });

  replace(
    panel,
    heading,
    own.length === 0
      ? h('p', { class: 'empty' }, t('noTasks'))
      : h('ul', { class: 'tasks', 'aria-labelledby': 'tasks-title' }, ...items),
    error,
    form,
  );
}

/** A repeating task's done history over the last four weeks (loaded when shown; quiet if it fails). */
function doneHistory(taskId: string): HTMLElement {
  const line = h('span', { class: 'task-history' });
  api.tasks.history
    .query({ taskId, to: localDate(), days: 28 })
    .then((days) => {
      line.textContent = t('doneHistory', { n: days.length });
      line.title = days.join(', ');
    })
    .catch(() => line.remove());
  return line;
}
