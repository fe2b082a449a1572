/**
 * An insert that references its parent (a goal, an action cell) through `INSERT … SELECT` from the owner's
 * goal may still meet a foreign-key violation on PostgreSQL: the goal was deleted by a transaction that
 * committed after this statement's snapshot. That is a missing goal, not a fault: no rows.
 */
const foreignKeyViolation = '23503';

export function noRowsIfParentGone<T>(error: unknown): { rows: T[] } {
  if ((error as { code?: string }).code === foreignKeyViolation) return { rows: [] };
  throw error;
}
