/**
 * One goal: its title, deadline and description (editable), the 9×9 chart, AI drafting, the selected
 * action's tasks and the goal's reflections.
 */
import { api, type Chart, type Task } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { forgetDraft } from '../draft-memory.js';
import { t } from '../i18n.js';
import type { CellSlot } from '../mandala-layout.js';
import type { UnsavedEdit } from '../unsaved-edits.js';
import { createAiDraft } from './ai-draft.js';
import { createCellSaver } from './cell-saver.js';
import { labelOf, titleOf, withCell, withTitle } from './chart-cells.js';
import { createGoalDetails } from './goal-details.js';
import { createMandalaGrid } from './mandala-grid.js';
import { percentDone, progressBar } from './progress-bar.js';
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
    api.tasks.list.query({ goalId }),
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
      const showProgress = (): void =>
        replace(progress, progressBar(percentDone(allTasks), t('goalProgress')));
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

      /** A chart read afresh, with the edits the server does not have yet still shown where they were typed. */
      const withUnsaved = (fresh: Chart): Chart =>
        saver.pending().reduce((chart, edit) => withTitle(chart, edit.slot, edit.title), fresh);

      /** A cell's text changed here (typed, or an unsaved edit put back): the rest of the page follows. */
      function cellChanged(slot: CellSlot, value: string): void {
        current = withTitle(current, slot, value);
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
      }

      const saver = createCellSaver({
        context,
        goalId,
        send: (edit) => saveSlot(goalId, edit),
        saved: (edit, updatedAt) => {
          current = withCell(current, edit.slot, { updatedAt });
          grid.showChart(current); // the next edit of the cell starts from this version
        },
        tookTheirs: (slot, theirs) => {
          cellChanged(slot, theirs.title);
          current = withCell(current, slot, { updatedAt: theirs.updatedAt });
          grid.showChart(current);
        },
        unsaved: (slot, isUnsaved) => grid.setUnsaved(slot, isUnsaved),
      });

      const grid = createMandalaGrid(chart, {
        edited: (slot, value, startedFrom) => {
          cellChanged(slot, value);
          saver.save({ slot, title: value, startedFrom });
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
          current = withUnsaved(await api.goals.get.query({ goalId }));
          grid.showChart(current);
          details.setTitle(current.title);
          aiDraft.chartChanged();
        },
      );

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

      // Edits this tab could not save before (offline, the session ended) are shown and sent again.
      for (const edit of saver.restore()) cellChanged(edit.slot, edit.title);
      grid.showChart(current);

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
          h('div', { class: 'chart-column' }, saver.element, grid.element, selectionBar),
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

/** Saves one cell, from the version its edit started at (the API answers 409 if it changed since). */
function saveSlot(goalId: string, { slot, title, startedFrom }: UnsavedEdit): Promise<{ updatedAt: string }> {
  const expectedUpdatedAt = startedFrom;
  switch (slot.kind) {
    case 'goal':
      return api.goals.update.mutate({ goalId, title, expectedUpdatedAt });
    case 'subGoal':
      return api.goals.setSubGoal.mutate({ goalId, position: slot.subGoal, title, expectedUpdatedAt });
    case 'action':
      return api.goals.setAction.mutate({
        goalId,
        subGoalPosition: slot.subGoal,
        position: slot.action,
        title,
        expectedUpdatedAt,
      });
  }
}
