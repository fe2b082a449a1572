/**
 * How much one user may store, so that no answer of any procedure exceeds 1 MB (10^6 bytes; Lambda refuses
 * answers over 6 MB, and a phone should not wait for one of 1 MB).
 *
 * Worst-case rows, as JSON: a 200-character title costs at most 600 bytes (zod counts UTF-16 units; three
 * bytes per unit in UTF-8 is the worst, as for Japanese: a 4-byte character is two units; the escaped `"` and
 * `\` are two bytes; other control characters are refused), ids are 36 characters, dates 10:
 *   tasks/list row        784 B  → 64 actions × 16 tasks × 784 B = 802 816 B for a whole goal
 *   goals/list row        696 B  → 100 goals × 696 B = 69 600 B
 *   reflections/list row  30 138 B (10 000 characters of content) → a page of 30 = 904 140 B
 *   tasks/upcoming row    2 016 B (with goal and action titles) → at most 200 = 403 200 B (its own `limit`)
 *   goals/get             56 096 B whatever is stored (8 + 64 cells, each with its 42-byte `updatedAt`)
 * plus 22 bytes of `{"result":{"data":…}}`. test/services/api/answer-size.test.ts builds each worst case.
 */

/** Goals one user may have. */
export const maxGoalsPerUser = 100;

/** Tasks one action cell may have (a goal: 64 × this). */
export const maxTasksPerAction = 16;

/** Reflections one goal may have; reflections/list pages through them. */
export const maxReflectionsPerGoal = 1000;

/** The most reflections one reflections/list answer holds (and its default). */
export const reflectionsPageSize = 30;

/** Live sessions one user may hold; signing in once more ends the oldest (devices, not an unbounded list). */
export const maxSessionsPerUser = 50;

export type CapName = 'goalsPerUser' | 'tasksPerAction' | 'reflectionsPerGoal';

const caps: Readonly<Record<CapName, { max: number; message: string }>> = {
  goalsPerUser: { max: maxGoalsPerUser, message: `goals: at most ${maxGoalsPerUser} per user` },
  tasksPerAction: { max: maxTasksPerAction, message: `tasks: at most ${maxTasksPerAction} per action` },
  reflectionsPerGoal: {
    max: maxReflectionsPerGoal,
    message: `reflections: at most ${maxReflectionsPerGoal} per goal`,
  },
};

/** A create refused because its parent already holds the most rows it may (the API answers 409). */
export class CapReached extends Error {
  readonly max: number;

  constructor(readonly cap: CapName) {
    super(caps[cap].message);
    this.name = 'CapReached';
    this.max = caps[cap].max;
  }
}
