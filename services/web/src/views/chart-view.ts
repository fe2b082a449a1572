/** One goal: the 9×9 chart, AI drafting, the selected action's tasks and the goal's reflections. */
import { api, type Chart, type Task } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { forgetDraft } from '../draft-memory.js';
import { t } from '../i18n.js';
import type { CellSlot } from '../mandala-layout.js';
import { createAiDraft } from './ai-draft.js';
import { createMandalaGrid, titleOf, withTitle } from './mandala-grid.js';
import { renderReflectionsPanel } from './reflections-panel.js';
import { renderTasksPanel, type ActionSelection } from './tasks-panel.js';

export function renderChartView(main: HTMLElement, context: AppContext, goalId: string): void {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  replace(
    main,
    h('a', { href: '#/', class: 'back' }, t('backToGoals')),
    error,
    h('p', { class: 'loading' }, t('loading')),
  );

  Promise.all([
    api.goals.get.query({ goalId }),
    api.tasks.list.query({ goalId }),
    api.reflections.list.query({ goalId }),
  ])
    .then(([chart, tasks, reflections]) => {
      let current: Chart = chart;
      let allTasks: Task[] = tasks;
      let selection: ActionSelection | null = null;

      const title = h('h1', { class: 'goal-heading' }, chart.title);
      const tasksPanel = h('section', {
        class: 'card tasks-panel',
        'aria-labelledby': 'tasks-title',
        'aria-live': 'polite',
      });
      const reflectionsPanel = h('section', {
        class: 'card reflections-panel',
        'aria-labelledby': 'reflections-title',
      });
      const tasksOptions = {
        context,
        goalId,
        tasks: () => allTasks,
        onChange: (next: Task[]) => {
          allTasks = next;
          grid.showTasks(allTasks);
        },
      };

      const grid = createMandalaGrid(chart, {
        save: async (slot: CellSlot, value: string) => {
          try {
            await saveSlot(goalId, slot, value);
            current = withTitle(current, slot, value);
            if (slot.kind === 'goal') title.textContent = value;
            if (
              selection &&
              slot.kind === 'action' &&
              slot.subGoal === selection.subGoal &&
              slot.action === selection.action
            ) {
              selection = { ...selection, title: value };
              renderTasksPanel(tasksPanel, selection, tasksOptions);
            }
          } catch (failure) {
            context.reportError(failure, error);
            throw failure;
          }
        },
        onSelect: (slot: CellSlot) => {
          if (slot.kind !== 'action') return;
          if (selection?.subGoal === slot.subGoal && selection.action === slot.action) return;
          selection = { subGoal: slot.subGoal, action: slot.action, title: titleOf(current, slot) };
          renderTasksPanel(tasksPanel, selection, tasksOptions);
        },
      });
      grid.showTasks(allTasks);

      const aiDraft = createAiDraft(context, goalId, async () => {
        current = await api.goals.get.query({ goalId });
        grid.showChart(current);
        title.textContent = current.title;
      });

      const remove = h(
        'button',
        {
          type: 'button',
          class: 'danger small',
          onclick: async () => {
            if (!window.confirm(t('confirmDeleteGoal'))) return;
            try {
              await api.goals.delete.mutate({ goalId });
              forgetDraft(context.session.user.id, goalId);
              context.navigate('#/');
            } catch (failure) {
              context.reportError(failure, error);
            }
          },
        },
        t('deleteGoal'),
      );

      renderTasksPanel(tasksPanel, null, tasksOptions);
      renderReflectionsPanel(reflectionsPanel, context, goalId, reflections);
      replace(
        main,
        h('div', { class: 'chart-toolbar' }, h('a', { href: '#/', class: 'back' }, t('backToGoals')), remove),
        title,
        chart.deadline &&
          h('p', { class: 'deadline' }, `${t('deadline')}: ${String(chart.deadline).slice(0, 10)}`),
        chart.description && h('p', { class: 'description' }, chart.description),
        aiDraft,
        error,
        h(
          'div',
          { class: 'chart-layout' },
          grid.element,
          h('div', { class: 'side' }, tasksPanel, reflectionsPanel),
        ),
      );
      // `npm run bench:web` reads this: the chart is drawn and takes keyboard and clicks from here on.
      performance.mark('chart-interactive');
    })
    .catch((failure: unknown) => {
      main.querySelector('.loading')?.remove();
      context.reportError(failure, error);
    });
}

function saveSlot(goalId: string, slot: CellSlot, title: string): Promise<unknown> {
  switch (slot.kind) {
    case 'goal':
      return api.goals.update.mutate({ goalId, title });
    case 'subGoal':
      return api.goals.setSubGoal.mutate({ goalId, position: slot.subGoal, title });
    case 'action':
      return api.goals.setAction.mutate({
        goalId,
        subGoalPosition: slot.subGoal,
        position: slot.action,
        title,
      });
  }
}
