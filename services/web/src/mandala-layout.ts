/**
 * Where each slot of a goal sits on the 9×9 chart. The chart is 3×3 blocks of 3×3 cells. The centre
 * block holds the goal and its eight sub-goals; each outer block holds one sub-goal (repeated in its
 * centre) and that sub-goal's eight actions. Positions 0–7 run row by row around a centre, skipping it:
 *
 *   0 1 2
 *   3 · 4
 *   5 6 7
 *
 * and sub-goal p's block sits at the same place around the centre block as p's cell does inside it.
 */
export type CellSlot =
  | { readonly kind: 'goal' }
  | { readonly kind: 'subGoal'; readonly subGoal: number }
  | { readonly kind: 'action'; readonly subGoal: number; readonly action: number };

export const CENTER = 4;

/** Index 0–8 within a 3×3 (row-major) → position 0–7 around the centre; null for the centre. */
export function positionOf(index: number): number | null {
  if (index === CENTER) return null;
  return index < CENTER ? index : index - 1;
}

/** Position 0–7 → index 0–8 within a 3×3. */
export function indexOf(position: number): number {
  return position < CENTER ? position : position + 1;
}

/** The slot shown at chart row/column 0–8. */
export function slotAt(row: number, column: number): CellSlot {
  const block = Math.floor(row / 3) * 3 + Math.floor(column / 3);
  const cell = (row % 3) * 3 + (column % 3);
  const blockPosition = positionOf(block);
  const cellPosition = positionOf(cell);
  if (blockPosition === null) {
    return cellPosition === null ? { kind: 'goal' } : { kind: 'subGoal', subGoal: cellPosition };
  }
  return cellPosition === null
    ? { kind: 'subGoal', subGoal: blockPosition }
    : { kind: 'action', subGoal: blockPosition, action: cellPosition };
}

/** A stable key for a slot (used as `data-slot` and to find every cell showing it). */
export function slotKey(slot: CellSlot): string {
  switch (slot.kind) {
    case 'goal':
      return 'goal';
    case 'subGoal':
      return `sub-${slot.subGoal}`;
    case 'action':
      return `action-${slot.subGoal}-${slot.action}`;
  }
}
