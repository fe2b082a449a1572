/**
 * One goal: its title, deadline and description (editable), the 9×9 chart, AI drafting, the selected
 * action's tasks and the goal's reflections.
 */
import { api, type Chart, type Task } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { localDate } from '../local-date.js';
import type { CellSlot } from '../mandala-layout.js';
import { createAiDraft } from './ai-draft.js';
import { createGoalDetails } from './goal-details.js';
import { createMandalaGrid, labelOf, titleOf, withTitle } from './mandala-grid.js';
import { deleteGoalWithUndo } from './goal-delete.js';
import { showPlanProgress } from './plan-progress-view.js';
import { takeAlongButtons } from './take-along.js';
import { firstReflectionsPage, renderReflectionsPanel } from './reflections-panel.js';
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
    api.tasks.list.query({ goalId, today: localDate() }),
    api.reflections.list.query({ goalId }),
  ])
    .then(([chart, tasks, reflections]) => {
      let current: Chart = chart;
      let allTasks: Task[] = tasks;
      let selection: ActionSelection | null = null;

      const details = createGoalDetails(context, goalId, chart, (saved) => {
        current = { ...current, ...saved };
        grid.showChart(current);
        aiDraft.chartChanged();
      });
      const progress = h('div', { class: 'goal-progress' });
      const progressDetails = h('div', { class: 'plan-progress-details' });
      const showProgress = (): void => showPlanProgress(progress, progressDetails, current, allTasks);
      showProgress();
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
          showProgress();
          if (selected) showSelection(selected);
        },
      };

      const grid = createMandalaGrid(chart, {
        save: async (slot: CellSlot, value: string) => {
          try {
            await saveSlot(goalId, slot, value);
            current = withTitle(current, slot, value);
            showProgress(); // a named sub-goal starts to count
            aiDraft.chartChanged();
            if (slot.kind === 'goal') details.setTitle(value);
            if (selected) showSelection(selected);
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
        onTap: (slot: CellSlot) => {
          // On a phone the tasks sit below the chart: bring them up, the selection bar stays at hand.
          if (slot.kind === 'action') tasksPanel.scrollIntoView({ block: 'start', behavior: 'smooth' });
        },
        onSelect: (slot: CellSlot) => {
          showSelection(slot);
          if (slot.kind !== 'action') return;
          if (selection?.subGoal === slot.subGoal && selection.action === slot.action) return;
          selection = { subGoal: slot.subGoal, action: slot.action, title: titleOf(current, slot) };
          renderTasksPanel(tasksPanel, selection, tasksOptions);
        },
      });
      grid.showTasks(allTasks);

      // What is selected, with an explicit Edit (a tap only selects) and, for an action, its tasks.
      const selectionBar = h('div', { class: 'selection-bar', hidden: true });
      let selected: CellSlot | null = null;
      function showSelection(slot: CellSlot): void {
        selected = slot;
        selectionBar.hidden = false;
        const own = allTasks.filter(
          (task) =>
            slot.kind === 'action' &&
            task.subGoalPosition === slot.subGoal &&
            task.actionPosition === slot.action,
        );
        replace(
          selectionBar,
          h('span', { class: 'selection-label' }, t('selectedCell', { label: labelOf(slot) })),
          h('span', { class: 'selection-title' }, titleOf(current, slot) || t('emptyCell')),
          h(
            'button',
            { type: 'button', class: 'secondary small', onclick: () => grid.editSelected() },
            t('edit'),
          ),
          slot.kind === 'action' &&
            h(
              'button',
              {
                type: 'button',
                class: 'secondary small',
                onclick: () => {
                  tasksPanel.scrollIntoView({ block: 'start' });
                  (tasksPanel.querySelector('#task-title') as HTMLElement | null)?.focus();
                },
              },
              t('showTasks', { n: own.length }),
            ),
        );
      }

      const aiDraft = createAiDraft(
        context,
        goalId,
        () => current,
        async () => {
          current = await api.goals.get.query({ goalId });
          grid.showChart(current);
          showProgress();
          details.setTitle(current.title);
          aiDraft.chartChanged();
        },
      );

      const remove = h(
        'button',
        {
          type: 'button',
          class: 'danger small',
          onclick: () => deleteGoalWithUndo(context, goalId, current.title),
        },
        t('deleteGoal'),
      );

      renderTasksPanel(tasksPanel, null, tasksOptions);
      renderReflectionsPanel(reflectionsPanel, context, goalId, firstReflectionsPage(reflections));
      replace(
        main,
        h('div', { class: 'chart-toolbar' }, h('a', { href: '#/', class: 'back' }, t('backToGoals')), remove),
        details.element,
        progress,
        aiDraft.element,
        error,
        h(
          'div',
          { class: 'chart-layout' },
          h(
            'div',
            { class: 'chart-column' },
            grid.element,
            selectionBar,
            takeAlongButtons(context, () => current, error),
            progressDetails,
          ),
          h('div', { class: 'side' }, tasksPanel, reflectionsPanel),
        ),
      );
      context.focusHeading(details.heading);
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
