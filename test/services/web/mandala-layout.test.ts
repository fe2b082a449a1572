import { describe, expect, it } from 'vitest';
import { indexOf, positionOf, slotAt, slotKey } from '../../../services/web/src/mandala-layout.js';

const allSlots = () =>
  Array.from({ length: 81 }, (_, i) => ({
    row: Math.floor(i / 9),
    column: i % 9,
    slot: slotAt(Math.floor(i / 9), i % 9),
  }));

describe('mandala layout', () => {
  it('has one goal in the very centre, each sub-goal twice, and 64 distinct actions', () => {
    const slots = allSlots();
    expect(slots.filter((s) => s.slot.kind === 'goal').map((s) => [s.row, s.column])).toEqual([[4, 4]]);
    const subGoals = slots.filter((s) => s.slot.kind === 'subGoal').map((s) => slotKey(s.slot));
    expect(subGoals).toHaveLength(16);
    expect(new Set(subGoals).size).toBe(8);
    const actions = slots.filter((s) => s.slot.kind === 'action').map((s) => slotKey(s.slot));
    expect(new Set(actions).size).toBe(64);
  });

  it('puts sub-goal p in the centre of the outer block that sits where p sits around the goal', () => {
    const slots = allSlots();
    for (let p = 0; p < 8; p++) {
      const inCentre = slots.find(
        (s) => slotKey(s.slot) === `sub-${p}` && s.row >= 3 && s.row <= 5 && s.column >= 3 && s.column <= 5,
      )!;
      const outer = slots.find((s) => slotKey(s.slot) === `sub-${p}` && s !== inCentre)!;
      // Offset from the goal (4,4) inside the centre block × 3 = offset of the outer block's centre.
      expect([outer.row - 4, outer.column - 4]).toEqual([(inCentre.row - 4) * 3, (inCentre.column - 4) * 3]);
    }
  });

  it('numbers positions 0–7 row by row around a centre, skipping it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(positionOf)).toEqual([0, 1, 2, 3, null, 4, 5, 6, 7]);
    for (let p = 0; p < 8; p++) expect(positionOf(indexOf(p))).toBe(p);
    expect(slotAt(0, 0)).toEqual({ kind: 'action', subGoal: 0, action: 0 });
    expect(slotAt(8, 8)).toEqual({ kind: 'action', subGoal: 7, action: 7 });
    expect(slotAt(1, 4)).toEqual({ kind: 'subGoal', subGoal: 1 });
  });
});
