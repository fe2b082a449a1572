/** "Undo draft": empties the cells the goal's last AI draft wrote, except those the person edited since. */
import type { Queryable } from './transaction.js';

/**
 * Cells cleared, or null when the goal is not the user's. One statement: the last succeeded job of the
 * goal, then its untouched cells (`drafted_by` is cleared by any edit).
 */
export async function undoLastDraft(db: Queryable, userId: string, goalId: string): Promise<number | null> {
  const { rows } = await db.query<{ owned: boolean; cleared: number }>(
    `WITH goal AS (
       SELECT id FROM goals WHERE id = $1 AND user_id = $2
     ), last_job AS (
       SELECT j.id FROM ai_jobs j JOIN goal ON j.goal_id = goal.id
        WHERE j.status = 'succeeded' ORDER BY j.updated_at DESC, j.id DESC LIMIT 1
     ), sub_goals_cleared AS (
       UPDATE sub_goals s SET title = '', drafted_by = NULL, updated_at = now()
         FROM last_job WHERE s.goal_id = $1 AND s.drafted_by = last_job.id
       RETURNING 1
     ), actions_cleared AS (
       UPDATE actions a SET title = '', drafted_by = NULL, updated_at = now()
         FROM last_job WHERE a.goal_id = $1 AND a.drafted_by = last_job.id
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM goal) AS owned,
            ((SELECT count(*) FROM sub_goals_cleared) + (SELECT count(*) FROM actions_cleared))::int AS cleared`,
    [goalId, userId],
  );
  return rows[0]!.owned ? rows[0]!.cleared : null;
}
