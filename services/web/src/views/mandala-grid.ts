/**
 * The 9×9 mandala chart, put together from its parts: the grid's cells (mandala-grid-render.ts), the keys
 * that move about it (mandala-grid-keyboard.ts), the cell editor (mandala-grid-edit.ts) and, on narrow
 * screens, the zoom to one 3×3 block (mandala-grid-zoom.ts). A mouse click edits a cell in place; a tap
 * selects it (the page's Edit button edits). Sub-goal cells show their progress, action cells their tasks.
 */
import type { Chart, Task } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { indexOf, slotAt, slotKey, type CellSlot } from '../mandala-layout.js';
import { draftedOf, labelOf, titleOf, versionOf, withTitle } from './chart-cells.js';
import { openCellEditor } from './mandala-grid-edit.js';
import { attachGridKeyboard, type Position } from './mandala-grid-keyboard.js';
import { renderGridCells, type CellMeta } from './mandala-grid-render.js';
import { attachGridZoom } from './mandala-grid-zoom.js';

export interface MandalaGridOptions {
  /**
   * The person changed a cell's text. `startedFrom`: the cell's version when the editor opened (sent as
   * `expectedUpdatedAt`, so an edit of text changed elsewhere meanwhile is caught).
   */
  readonly edited: (slot: CellSlot, title: string, startedFrom: string | undefined) => void;
  /** Called when the focused cell changes (the tasks panel follows the selected action). */
  readonly onSelect: (slot: CellSlot) => void;
  /** A finger tapped a cell: it is selected, not edited (the page brings its tasks into view). */
  readonly onTap?: (slot: CellSlot) => void;
}

export interface MandalaGrid {
  readonly element: HTMLElement;
  /** Redraws every cell's text from the chart (after an AI draft, a save, a conflict resolved). */
  showChart(chart: Chart): void;
  /** Redraws sub-goal progress and action task counts. */
  showTasks(tasks: readonly Task[]): void;
  /** Marks a cell as typed but not saved (or saved after all). */
  setUnsaved(slot: CellSlot, unsaved: boolean): void;
  /** Opens the selected cell's editor (the explicit "Edit" of touch screens). */
  editSelected(): void;
}

export function createMandalaGrid(initial: Chart, options: MandalaGridOptions): MandalaGrid {
  let chart = initial;
  const meta = new Map<string, CellMeta>();
  const unsaved = new Set<string>();
  // A tap selects; a mouse click edits in place (the pointer that started the click decides).
  let pointer = 'mouse';

  // Keyboard help on screens with room for a keyboard; touch help on phones (CSS picks one).
  const help = h(
    'p',
    { id: 'chart-help', class: 'hint' },
    h('span', { class: 'keyboard-hint' }, t('chartHelp')),
    h('span', { class: 'touch-hint' }, t('chartTouchHelp')),
  );
  const cells = renderGridCells({ 'aria-label': t('chartLabel'), 'aria-describedby': 'chart-help' });
  const slotOf = ({ row, column }: Position): CellSlot => cells.slots[row]![column]!;
  const centreOf = (block: number): Position => ({
    row: Math.floor(block / 3) * 3 + 1,
    column: (block % 3) * 3 + 1,
  });

  const blockAt = (at: Position): number => Number(cells.cells[at.row]![at.column]!.dataset.block);
  const keyboard = attachGridKeyboard(cells, {
    beforeMove: (at) => zoom.show(blockAt(at)),
    onFocus: (at) => {
      zoom.show(blockAt(at));
      options.onSelect(slotOf(at));
    },
    onActivate: (at) => startEditing(at),
  });
  const zoom = attachGridZoom(cells, {
    subGoalTitle: (position) => titleOf(chart, { kind: 'subGoal', subGoal: position }),
    onStep: (block) => {
      const centre = centreOf(block);
      keyboard.setTabStop(centre.row, centre.column);
      zoom.show(block);
      options.onSelect(slotOf(centre));
    },
  });

  cells.grid.addEventListener('pointerdown', (event) => {
    pointer = event.pointerType || 'mouse';
  });
  cells.cells.forEach((row, r) =>
    row.forEach((cell, c) =>
      cell.addEventListener('click', () => {
        const slot = slotOf({ row: r, column: c });
        const touch = pointer === 'touch';
        pointer = 'mouse';
        // Zoomed out on a phone, a sub-goal opens its own block (where it is the centre cell).
        if (touch && zoom.active() && slot.kind === 'subGoal' && zoom.current() === 4) {
          const centre = centreOf(indexOf(slot.subGoal));
          keyboard.moveTo(centre.row, centre.column);
        } else {
          keyboard.moveTo(r, c);
        }
        if (touch) options.onTap?.(slot);
        else startEditing({ row: r, column: c });
      }),
    ),
  );

  function viewOf(slot: CellSlot) {
    const key = slotKey(slot);
    return {
      title: titleOf(chart, slot),
      label: labelOf(slot),
      drafted: draftedOf(chart, slot),
      meta: meta.get(key) ?? null,
      unsaved: unsaved.has(key),
    };
  }

  function paintAll(): void {
    for (let row = 0; row < 9; row++) {
      for (let column = 0; column < 9; column++) cells.paintCell(row, column, viewOf(slotAt(row, column)));
    }
    zoom.refresh();
  }

  function startEditing(at: Position): void {
    const slot = slotOf(at);
    const before = titleOf(chart, slot);
    const startedFrom = versionOf(chart, slot);
    openCellEditor(cells.cells[at.row]![at.column]!, {
      label: labelOf(slot),
      before,
      onCommit: (after) => {
        // The goal's own title may not be blank; other cells may be cleared.
        if (after === before || (slot.kind === 'goal' && after === '')) return;
        chart = withTitle(chart, slot, after);
        paintAll();
        options.edited(slot, after, startedFrom);
      },
      onCancel: () => undefined,
    });
  }

  paintAll();
  return {
    element: h('div', { class: 'mandala-wrap' }, help, zoom.bar, cells.grid),
    showChart(next) {
      chart = next;
      paintAll();
    },
    setUnsaved(slot, isUnsaved) {
      if (isUnsaved) unsaved.add(slotKey(slot));
      else unsaved.delete(slotKey(slot));
      paintAll();
    },
    editSelected() {
      startEditing(keyboard.focused());
    },
    showTasks(tasks) {
      meta.clear();
      const counts = new Map<string, { done: number; total: number }>();
      for (const task of tasks) {
        const keys = [`sub-${task.subGoalPosition}`, `action-${task.subGoalPosition}-${task.actionPosition}`];
        for (const key of keys) {
          const counted = counts.get(key) ?? { done: 0, total: 0 };
          counted.total += 1;
          if (task.status === 'done') counted.done += 1;
          counts.set(key, counted);
        }
      }
      for (const [key, { done, total }] of counts) {
        meta.set(
          key,
          key.startsWith('sub-')
            ? { kind: 'progress', percent: Math.round((done / total) * 100) }
            : { kind: 'tasks', done, total },
        );
      }
      paintAll();
    },
  };
}
