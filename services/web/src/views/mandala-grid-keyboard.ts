/**
 * Keyboard use of the chart grid (the ARIA grid pattern): the grid is one Tab stop (a roving tabindex, at the
 * cell last used); arrow keys move a cell, Home/End to the row's ends, Ctrl+Home/End to the chart's corners;
 * Enter, F2 or Space edit. Keys typed in the cell editor are its own (see mandala-grid-edit.ts).
 */
import type { GridCells } from './mandala-grid-render.js';

export interface Position {
  readonly row: number;
  readonly column: number;
}

export interface GridKeyboard {
  /** The cell that holds the Tab stop. */
  focused(): Position;
  /** Focuses a cell (clamped to the chart). */
  moveTo(row: number, column: number): void;
  /** Moves the Tab stop to a cell without focusing it (a swipe zoomed elsewhere). */
  setTabStop(row: number, column: number): void;
}

export function attachGridKeyboard(
  { grid, cells }: GridCells,
  handlers: {
    /** A cell is about to be focused (it must be shown to take focus: on a phone, its block). */
    readonly beforeMove: (at: Position) => void;
    /** A cell took focus (keys, pointer, or script). */
    readonly onFocus: (at: Position) => void;
    /** Enter, F2 or Space on a cell. */
    readonly onActivate: (at: Position) => void;
  },
): GridKeyboard {
  let focused: Position = { row: 4, column: 4 };

  const setTabStop = (row: number, column: number): void => {
    cells[focused.row]![focused.column]!.tabIndex = -1;
    cells[row]![column]!.tabIndex = 0;
    focused = { row, column };
  };

  cells.forEach((cellsOfRow, row) =>
    cellsOfRow.forEach((cell, column) =>
      cell.addEventListener('focus', (event) => {
        if (event.target !== cell) return; // focus inside the cell's editor
        setTabStop(row, column);
        handlers.onFocus({ row, column });
      }),
    ),
  );

  const moveTo = (row: number, column: number): void => {
    const at = { row: Math.min(8, Math.max(0, row)), column: Math.min(8, Math.max(0, column)) };
    handlers.beforeMove(at);
    cells[at.row]![at.column]!.focus();
  };

  grid.addEventListener('keydown', (event) => {
    if ((event.target as HTMLElement).closest('.cell-editor')) return;
    const { row, column } = focused;
    const corner = event.ctrlKey || event.metaKey;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      Home: corner ? [0, 0] : [row, 0],
      End: corner ? [8, 8] : [row, 8],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moveTo(move[0], move[1]);
    } else if (event.key === 'Enter' || event.key === 'F2' || event.key === ' ') {
      event.preventDefault();
      handlers.onActivate(focused);
    }
  });

  return { focused: () => focused, moveTo, setTabStop };
}
