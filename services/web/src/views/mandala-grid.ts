/**
 * The 9×9 mandala chart. Every cell is focusable (one tab stop; arrow keys move between cells), Enter or
 * a click edits it in place, Enter saves and Escape cancels. Sub-goal cells show their progress and
 * action cells how many of their tasks are done.
 */
import type { Chart, Task } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { slotAt, slotKey, type CellSlot } from '../mandala-layout.js';

export interface MandalaGridOptions {
  /** Saves a cell's new title; rejects to restore the old one. */
  readonly save: (slot: CellSlot, title: string) => Promise<void>;
  /** Called when the focused cell changes (the tasks panel follows the selected action). */
  readonly onSelect: (slot: CellSlot) => void;
  /** A finger tapped a cell: it is selected, not edited (the page brings its tasks into view). */
  readonly onTap?: (slot: CellSlot) => void;
}

export interface MandalaGrid {
  readonly element: HTMLElement;
  /** Redraws every cell's text from the chart (after an AI draft, say). */
  showChart(chart: Chart): void;
  /** Redraws sub-goal progress and action task counts. */
  showTasks(tasks: readonly Task[]): void;
  /** Opens the selected cell's editor (the explicit "Edit" of touch screens). */
  editSelected(): void;
}

export function titleOf(chart: Chart, slot: CellSlot): string {
  switch (slot.kind) {
    case 'goal':
      return chart.title;
    case 'subGoal':
      return subGoalAt(chart, slot.subGoal)?.title ?? '';
    case 'action':
      return subGoalAt(chart, slot.subGoal)?.actions.find((a) => a.position === slot.action)?.title ?? '';
  }
}

export function labelOf(slot: CellSlot): string {
  switch (slot.kind) {
    case 'goal':
      return t('centerGoal');
    case 'subGoal':
      return t('subGoal', { n: slot.subGoal + 1 });
    case 'action':
      return t('action', { s: slot.subGoal + 1, n: slot.action + 1 });
  }
}

/** True when an AI draft wrote the slot and nobody edited it since (the goal itself is never drafted). */
export function draftedOf(chart: Chart, slot: CellSlot): boolean {
  switch (slot.kind) {
    case 'goal':
      return false;
    case 'subGoal':
      return subGoalAt(chart, slot.subGoal)?.drafted ?? false;
    case 'action':
      return (
        subGoalAt(chart, slot.subGoal)?.actions.find((a) => a.position === slot.action)?.drafted ?? false
      );
  }
}

/** True when the chart has at least one empty sub-goal or action cell (something for a draft to fill). */
export function hasEmptyCell(chart: Chart): boolean {
  return chart.subGoals.some((s) => s.title === '' || s.actions.some((a) => a.title === ''));
}

/** True when some cell still holds an untouched AI draft. */
export function hasDraftedCell(chart: Chart): boolean {
  return chart.subGoals.some((s) => s.drafted || s.actions.some((a) => a.drafted));
}

function subGoalAt(chart: Chart, position: number): Chart['subGoals'][number] | undefined {
  return chart.subGoals.find((s) => s.position === position);
}

export function createMandalaGrid(initial: Chart, options: MandalaGridOptions): MandalaGrid {
  let chart = initial;
  const cells: HTMLElement[][] = [];
  const slots: CellSlot[][] = [];
  let focused = { row: 4, column: 4 };
  // A tap selects; a mouse click edits in place (the pointer that started the click decides).
  let pointer = 'mouse';

  // Keyboard help on screens with room for a keyboard; touch help on phones (CSS picks one).
  const help = h(
    'p',
    { id: 'chart-help', class: 'hint' },
    h('span', { class: 'keyboard-hint' }, t('chartHelp')),
    h('span', { class: 'touch-hint' }, t('chartTouchHelp')),
  );
  const blocks = Array.from({ length: 9 }, (_, block) =>
    h('div', { class: `block${block === 4 ? ' block-center' : ''}` }),
  );
  const grid = h(
    'div',
    {
      class: 'mandala',
      role: 'group',
      'aria-label': t('chartLabel'),
      'aria-describedby': 'chart-help',
      onkeydown: onGridKey,
      onpointerdown: (event: Event) => {
        pointer = (event as PointerEvent).pointerType || 'mouse';
      },
    },
    ...blocks,
  );

  for (let row = 0; row < 9; row++) {
    cells.push([]);
    slots.push([]);
    for (let column = 0; column < 9; column++) {
      const slot = slotAt(row, column);
      const cell = h('div', {
        class: `cell cell-${slot.kind}`,
        role: 'button',
        tabIndex: row === 4 && column === 4 ? 0 : -1,
        'data-slot': slotKey(slot),
        'data-row': row,
        'data-column': column,
        onclick: () => {
          moveFocus(row, column);
          if (pointer === 'touch') options.onTap?.(slot);
          else startEditing(row, column);
          pointer = 'mouse';
        },
        onfocus: () => {
          // Roving tab stop: the chart is one Tab stop, at the cell last focused (by keys or pointer).
          cells[focused.row]![focused.column]!.tabIndex = -1;
          cell.tabIndex = 0;
          focused = { row, column };
          options.onSelect(slot);
        },
      });
      cells[row]!.push(cell);
      slots[row]!.push(slot);
      blocks[Math.floor(row / 3) * 3 + Math.floor(column / 3)]!.appendChild(cell);
    }
  }

  function paint(row: number, column: number): void {
    const cell = cells[row]![column]!;
    const slot = slots[row]![column]!;
    const title = titleOf(chart, slot);
    const drafted = title !== '' && draftedOf(chart, slot);
    cell.querySelector('.cell-text')?.remove();
    cell.prepend(h('span', { class: 'cell-text' }, title));
    // Marked (by CSS, the name says it in words) until the person edits it: the AI wrote this, not them.
    cell.title = title;
    cell.classList.toggle('empty', title === '');
    cell.classList.toggle('drafted', drafted);
    cell.dataset.label = `${labelOf(slot)}: ${title || t('emptyCell')}${drafted ? ` (${t('aiDraftedMark')})` : ''}`;
    labelCell(cell);
  }

  /** The cell's name holds everything it shows: its title, and its task count or progress when it has one. */
  function labelCell(cell: HTMLElement): void {
    const meta = cell.dataset.meta;
    cell.setAttribute('aria-label', meta ? `${cell.dataset.label}, ${meta}` : cell.dataset.label!);
  }

  function paintAll(): void {
    for (let row = 0; row < 9; row++) for (let column = 0; column < 9; column++) paint(row, column);
  }

  function paintSlot(slot: CellSlot): void {
    const key = slotKey(slot);
    for (let row = 0; row < 9; row++) {
      for (let column = 0; column < 9; column++)
        if (slotKey(slots[row]![column]!) === key) paint(row, column);
    }
  }

  function moveFocus(row: number, column: number): void {
    const clampedRow = Math.min(8, Math.max(0, row));
    const clampedColumn = Math.min(8, Math.max(0, column));
    cells[clampedRow]![clampedColumn]!.focus();
  }

  function onGridKey(event: Event): void {
    const key = (event as KeyboardEvent).key;
    if ((event.target as HTMLElement).tagName === 'INPUT') return;
    const { row, column } = focused;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      Home: [row, 0],
      End: [row, 8],
    };
    const move = moves[key];
    if (move) {
      event.preventDefault();
      moveFocus(move[0], move[1]);
    } else if (key === 'Enter' || key === 'F2' || key === ' ') {
      event.preventDefault();
      startEditing(row, column);
    }
  }

  function startEditing(row: number, column: number): void {
    const cell = cells[row]![column]!;
    if (cell.classList.contains('editing')) return;
    const slot = slots[row]![column]!;
    const before = titleOf(chart, slot);
    const input = h('input', {
      type: 'text',
      class: 'cell-input',
      value: before,
      maxlength: 200,
      'aria-label': t('editCell', { label: labelOf(slot) }),
    });
    let finished = false;
    const finish = (commit: boolean, refocus: boolean): void => {
      if (finished) return;
      finished = true;
      const after = input.value.trim();
      input.remove();
      cell.classList.remove('editing');
      if (refocus) cell.focus();
      // The goal's own title may not be blank; other cells may be cleared.
      if (!commit || after === before || (slot.kind === 'goal' && after === '')) return;
      chart = withTitle(chart, slot, after);
      paintSlot(slot);
      cell.classList.add('saving');
      options
        .save(slot, after)
        .catch(() => {
          chart = withTitle(chart, slot, before);
          paintSlot(slot);
        })
        .finally(() => cell.classList.remove('saving'));
    };
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        finish(true, true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false, true);
      }
    });
    input.addEventListener('blur', () => finish(true, false));
    input.addEventListener('click', (event) => event.stopPropagation());
    cell.classList.add('editing');
    cell.appendChild(input);
    input.focus();
    input.select();
  }

  paintAll();
  return {
    element: h('div', { class: 'mandala-wrap' }, help, grid),
    showChart(next) {
      chart = next;
      paintAll();
    },
    editSelected() {
      startEditing(focused.row, focused.column);
    },
    showTasks(tasks) {
      for (let row = 0; row < 9; row++) {
        for (let column = 0; column < 9; column++) {
          const slot = slots[row]![column]!;
          const cell = cells[row]![column]!;
          cell.querySelector('.cell-meta')?.remove();
          delete cell.dataset.meta;
          labelCell(cell);
          if (slot.kind === 'goal') continue;
          const own = tasks.filter(
            (task) =>
              task.subGoalPosition === slot.subGoal &&
              (slot.kind === 'subGoal' || task.actionPosition === slot.action),
          );
          if (own.length === 0) continue;
          const done = own.filter((task) => task.status === 'done').length;
          const percent = Math.round((done / own.length) * 100);
          // Screen readers hear the progress with the cell's label, in the words the cell shows.
          cell.dataset.meta =
            slot.kind === 'subGoal' ? `${t('progress')} ${percent}%` : `${t('tasks')} ${done}/${own.length}`;
          labelCell(cell);
          cell.appendChild(
            slot.kind === 'subGoal'
              ? h(
                  'span',
                  { class: 'cell-meta cell-progress', title: `${percent}%`, 'aria-hidden': 'true' },
                  h('span', { class: 'cell-progress-bar' }, h('span', { style: `width:${percent}%` })),
                  h('span', { class: 'cell-progress-text' }, `${percent}%`),
                )
              : h('span', { class: 'cell-meta cell-badge' }, `${done}/${own.length}`),
          );
        }
      }
    },
  };
}

/** A copy of the chart with one slot's title replaced: the person's own from then on (not drafted). */
export function withTitle(chart: Chart, slot: CellSlot, title: string): Chart {
  if (slot.kind === 'goal') return { ...chart, title };
  return {
    ...chart,
    subGoals: chart.subGoals.map((subGoal) => {
      if (subGoal.position !== slot.subGoal) return subGoal;
      if (slot.kind === 'subGoal') return { ...subGoal, title, drafted: false };
      return {
        ...subGoal,
        actions: subGoal.actions.map((action) =>
          action.position === slot.action ? { ...action, title, drafted: false } : action,
        ),
      };
    }),
  };
}
