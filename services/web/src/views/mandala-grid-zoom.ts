/**
 * The chart on a narrow screen: one 3×3 block at a time, as Mandal-Art is read on paper: the goal with its
 * eight sub-goals, then one sub-goal with its eight actions. Which block shows follows the focused cell (so
 * arrow keys walk from block to block); a bar above the chart steps through the blocks, and a sideways swipe
 * does the same. Wide screens show all 81 cells and ignore all this (chart.css decides by the same width).
 */
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { indexOf, positionOf } from '../mandala-layout.js';
import { blockOf, type GridCells } from './mandala-grid-render.js';

/** The width below which the chart zooms (chart.css uses the same). */
export const ZOOM_MEDIA = '(max-width: 700px)';

const OVERVIEW = 4;
/** The order the bar and swipes step through: the goal's block, then sub-goal 1–8's. */
const ORDER = [OVERVIEW, ...[0, 1, 2, 3, 4, 5, 6, 7].map(indexOf)];

/** A swipe: at least this far sideways (CSS px), and more sideways than up or down. */
const SWIPE_PX = 50;
/** How soon after a swipe a click still belongs to it. */
const SWIPE_CLICK_MS = 100;

export interface GridZoom {
  /** The bar with previous / goal / next, to put above the grid. */
  readonly bar: HTMLElement;
  /** The block shown (0–8; 4 is the goal's). */
  current(): number;
  /** Shows a block (no-op when it shows already). */
  show(block: number): void;
  /** Redraws the bar's label (a title changed). */
  refresh(): void;
  /** True when the screen is narrow enough to zoom. */
  active(): boolean;
}

export function attachGridZoom(
  { grid, cells }: GridCells,
  options: {
    /** The title of the sub-goal at `position` (0–7), for the bar's label. */
    readonly subGoalTitle: (position: number) => string;
    /** The person stepped to another block (bar or swipe). */
    readonly onStep: (block: number) => void;
  },
): GridZoom {
  let block = -1;
  const label = h('span', { class: 'zoom-label', 'aria-live': 'polite' });
  const step = (by: number): void => {
    const next = ORDER[(ORDER.indexOf(block) + by + ORDER.length) % ORDER.length]!;
    options.onStep(next);
  };
  const previous = h(
    'button',
    { type: 'button', class: 'secondary small', onclick: () => step(-1) },
    h('span', { 'aria-hidden': 'true' }, '‹ '),
    t('zoomPrevious'),
  );
  const overview = h(
    'button',
    { type: 'button', class: 'secondary small', onclick: () => options.onStep(OVERVIEW) },
    t('zoomOverview'),
  );
  const next = h(
    'button',
    { type: 'button', class: 'secondary small', onclick: () => step(1) },
    t('zoomNext'),
    h('span', { 'aria-hidden': 'true' }, ' ›'),
  );
  const bar = h(
    'div',
    { class: 'zoom-bar', role: 'group', 'aria-label': t('zoomBarLabel') },
    previous,
    overview,
    next,
    label,
  );

  function refresh(): void {
    const position = positionOf(block);
    overview.disabled = position === null;
    replace(
      label,
      position === null
        ? t('zoomShowingGoal')
        : t('zoomShowingSubGoal', {
            n: position + 1,
            title: options.subGoalTitle(position) || t('emptyCell'),
          }),
    );
  }

  function show(next: number): void {
    if (next === block) return;
    block = next;
    grid.dataset.zoom = String(block);
    cells.forEach((row, r) => {
      (row[0]!.parentElement as HTMLElement).classList.toggle(
        'in-zoom',
        Math.floor(r / 3) === Math.floor(block / 3),
      );
      row.forEach((cell, c) => cell.classList.toggle('in-zoom', blockOf(r, c) === block));
    });
    refresh();
  }

  // Swipes: a touch that travels sideways steps to the next (leftwards) or previous block.
  let start: { x: number; y: number } | null = null;
  let swipedAt = -Infinity;
  grid.addEventListener('pointerdown', (event) => {
    start = event.pointerType === 'touch' ? { x: event.clientX, y: event.clientY } : null;
  });
  grid.addEventListener('pointerup', (event) => {
    if (!start || !matchMedia(ZOOM_MEDIA).matches) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) <= 2 * Math.abs(dy)) return;
    swipedAt = event.timeStamp;
    step(dx < 0 ? 1 : -1);
  });
  // A click the browser may send right after the swipe's end is not a tap on the cell where it ended.
  grid.addEventListener(
    'click',
    (event) => {
      if (event.timeStamp - swipedAt < SWIPE_CLICK_MS) event.stopPropagation();
    },
    { capture: true },
  );

  show(OVERVIEW);
  return { bar, current: () => block, show, refresh, active: () => matchMedia(ZOOM_MEDIA).matches };
}
