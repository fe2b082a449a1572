/** Today's list: the user's tasks due soon or overdue, across all goals, with the goal and action they serve. */
import './date-columns.js';
import type { Task } from './tasks.js';
import type { Queryable } from './transaction.js';

export interface UpcomingTask extends Task {
  readonly goalTitle: string;
  /** The action cell's title (`""` if the cell was emptied since). */
  readonly actionTitle: string;
}

export interface UpcomingWindow {
  /** The person's own date (their time zone), `YYYY-MM-DD`. */
  readonly today: string;
  /** Days after today included (0: today only). */
  readonly days: number;
  readonly limit: number;
}

/**
 * Unfinished tasks due before `today` (overdue) and every task due from `today` to `today + days`, soonest
 * first, at most `limit`. Done tasks inside the window stay, so a list ticked off reads the same on reload.
 */
export async function listUpcomingTasks(
  db: Queryable,
  userId: string,
  { today, days, limit }: UpcomingWindow,
): Promise<UpcomingTask[]> {
  const { rows } = await db.query<UpcomingTask>(
    `SELECT t.id, t.goal_id AS "goalId", t.title, t.status, t.due_date AS "dueDate",
            t.sub_goal_position AS "subGoalPosition", t.action_position AS "actionPosition",
            g.title AS "goalTitle", a.title AS "actionTitle"
       FROM goals g
       JOIN tasks t ON t.goal_id = g.id
       JOIN actions a ON a.goal_id = t.goal_id AND a.sub_goal_position = t.sub_goal_position
                     AND a.position = t.action_position
      WHERE g.user_id = $1
        AND t.due_date <= $2::date + $3::int
        AND (t.due_date >= $2::date OR t.status <> 'done')
      ORDER BY t.due_date, t.created_at, t.id
      LIMIT $4`,
    [userId, today, days, limit],
  );
  return rows;
}
