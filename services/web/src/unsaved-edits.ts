/**
 * Cell edits typed but not yet saved, kept in this tab (sessionStorage) under the user and goal: they outlive
 * a reload, a lost connection and an ended session (the chart puts them back after signing in again), and
 * leave with the tab. Best effort: storage can be full or switched off, and saving works without it.
 */
import type { CellSlot } from './mandala-layout.js';

export interface UnsavedEdit {
  readonly slot: CellSlot;
  readonly title: string;
  /** The cell's version when the edit started (`expectedUpdatedAt`). */
  readonly startedFrom?: string;
}

const PREFIX = 'goal-mandala.unsaved:';
const keyOf = (userId: string, goalId: string) =>
  `${PREFIX}${encodeURIComponent(userId)}:${encodeURIComponent(goalId)}`;

export function keepUnsavedEdits(userId: string, goalId: string, edits: readonly UnsavedEdit[]): void {
  try {
    if (edits.length === 0) sessionStorage.removeItem(keyOf(userId, goalId));
    else sessionStorage.setItem(keyOf(userId, goalId), JSON.stringify(edits));
  } catch {
    // Kept in memory only.
  }
}

export function unsavedEditsOf(userId: string, goalId: string): UnsavedEdit[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(keyOf(userId, goalId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as UnsavedEdit[]) : [];
  } catch {
    return [];
  }
}
