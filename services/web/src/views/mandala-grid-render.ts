/**
 * The chart's cells as an ARIA grid: 9 rows of 9 grid cells, each with its row and column (1–9), so a screen
 * reader says where it is. The 3×3 blocks are drawn by CSS (chart.css), not by wrapping elements, so rows
 * stay rows. A cell's accessible name is its content: a visually hidden label ("Sub-goal 1:"), the visible
 * title, then its AI mark and task figures, each written out, so the name always contains what is seen.
 */
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { slotAt, slotKey, type CellSlot } from '../mandala-layout.js';

/** What a cell shows besides its title: a sub-goal's progress, or an action's done/total tasks. */
export type CellMeta =
  | { readonly kind: 'progress'; readonly percent: number }
  | { readonly kind: 'tasks'; readonly done: number; readonly total: number };

export interface CellView {
  readonly title: string;
  readonly label: string;
  readonly drafted: boolean;
  readonly meta: CellMeta | null;
  /** Typed but not saved yet (offline, or waiting for the person to choose after a conflict). */
  readonly unsaved: boolean;
}

export interface GridCells {
  /** The `role=grid` element. */
  readonly grid: HTMLElement;
  /** `cells[row][column]`, rows and columns 0–8. */
  readonly cells: readonly (readonly HTMLElement[])[];
  readonly slots: readonly (readonly CellSlot[])[];
  paintCell(row: number, column: number, view: CellView): void;
}

/** The mark of an AI-drafted cell: the same letters in both languages (heard as `aiDraftedMark`). */
const AI_MARK = 'AI';

/** The 3×3 block (0–8, row-major) a chart row/column falls in. */
export const blockOf = (row: number, column: number): number =>
  Math.floor(row / 3) * 3 + Math.floor(column / 3);

export function renderGridCells(attributes: Record<string, string>): GridCells {
  const cells: HTMLElement[][] = [];
  const slots: CellSlot[][] = [];
  const rows: HTMLElement[] = [];
  for (let row = 0; row < 9; row++) {
    cells.push([]);
    slots.push([]);
    const rowElement = h('div', {
      role: 'row',
      class: 'mandala-row',
      'aria-rowindex': row + 1,
      'data-band': Math.floor(row / 3),
    });
    for (let column = 0; column < 9; column++) {
      const slot = slotAt(row, column);
      const cell = h('div', {
        role: 'gridcell',
        class: `cell cell-${slot.kind}`,
        tabIndex: row === 4 && column === 4 ? 0 : -1,
        'aria-rowindex': row + 1,
        'aria-colindex': column + 1,
        'data-slot': slotKey(slot),
        'data-row': row,
        'data-column': column,
        'data-block': blockOf(row, column),
      });
      cells[row]!.push(cell);
      slots[row]!.push(slot);
      rowElement.appendChild(cell);
    }
    rows.push(rowElement);
  }
  const grid = h(
    'div',
    { class: 'mandala', role: 'grid', 'aria-rowcount': 9, 'aria-colcount': 9, ...attributes },
    ...rows,
  );
  return { grid, cells, slots, paintCell: (row, column, view) => paint(cells[row]![column]!, view) };
}

function paint(cell: HTMLElement, view: CellView): void {
  const drafted = view.title !== '' && view.drafted;
  cell.title = view.title;
  cell.classList.toggle('empty', view.title === '');
  cell.classList.toggle('drafted', drafted);
  cell.classList.toggle('unsaved', view.unsaved);
  const marks = [
    // Seen as "AI", heard as "AI draft" (which contains what is seen).
    drafted &&
      h(
        'span',
        { class: 'cell-ai' },
        h('span', { 'aria-hidden': 'true' }, AI_MARK),
        hidden(t('aiDraftedMark')),
      ),
    view.unsaved && h('span', { class: 'cell-unsaved' }, t('cellUnsaved')),
    view.meta && metaOf(view.meta),
  ].filter(Boolean);
  const parts = [
    hidden(`${view.label}: ${view.title === '' ? t('emptyCell') : ''}`),
    h('span', { class: 'cell-text' }, view.title),
    // Figures and marks in a row of their own below the title: never drawn over it.
    ...(marks.length > 0 ? [h('span', { class: 'cell-meta' }, ...interleave(marks as HTMLElement[]))] : []),
  ];
  // The editor, when open, is left in place (not even moved): a repaint (tasks changed, a save answered)
  // must neither close it nor take its focus.
  const editor = cell.querySelector('.cell-editor');
  for (const child of [...cell.childNodes]) if (child !== editor) child.remove();
  if (editor) editor.before(...parts);
  else cell.append(...parts);
}

/** The meta row's parts, separated by spaces so their words do not run together in the accessible name. */
function interleave(parts: HTMLElement[]): (HTMLElement | string)[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [' ', part]));
}

function metaOf(meta: CellMeta): HTMLElement {
  if (meta.kind === 'tasks') {
    return h(
      'span',
      { class: 'cell-tasks' },
      hidden(`${t('tasks')} `),
      h('span', { class: 'cell-badge' }, `${meta.done}/${meta.total}`),
    );
  }
  return h(
    'span',
    { class: 'cell-progress', title: `${meta.percent}%` },
    hidden(`${t('progress')} `),
    h(
      'span',
      { class: 'cell-progress-bar', 'aria-hidden': 'true' },
      h('span', { style: `width:${meta.percent}%` }),
    ),
    h('span', { class: 'cell-progress-text' }, `${meta.percent}%`),
  );
}

/** Text for screen readers only (part of the cell's name, not shown). */
function hidden(text: string): HTMLElement {
  return h('span', { class: 'visually-hidden' }, text);
}
