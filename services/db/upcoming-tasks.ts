/** Today's list: the user's tasks due soon or overdue, across all goals, with the goal and action they serve. */
import { taskColumns } from './task-columns.js';
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
  /** Also every repeating task and every unfinished task without a date ("Anytime"). */
  readonly anytime: boolean;
}

/**
 * Unfinished tasks due before `today` (overdue) and every task due from `today` to `today + days`, soonest
 * first, at most `limit`. Done tasks inside the window stay, so a list ticked off reads the same on reload.
 * With `anytime`: repeating tasks (whatever their date) come first, and unfinished undated tasks last.
 */
export async function listUpcomingTasks(
  db: Queryable,
  userId: string,
  { today, days, limit, anytime }: UpcomingWindow,
): Promise<UpcomingTask[]> {
  const { rows } = await db.query<UpcomingTask>(
    `SELECT ${taskColumns('$2')}, g.title AS "goalTitle", a.title AS "actionTitle"
       FROM goals g
       JOIN tasks t ON t.goal_id = g.id
       JOIN actions a ON a.goal_id = t.goal_id AND a.sub_goal_position = t.sub_goal_position
                     AND a.position = t.action_position
      WHERE g.user_id = $1
        AND (
          (t.repeat_every IS NULL OR NOT $5::boolean)
            AND t.due_date <= $2::date + $3::int AND (t.due_date >= $2::date OR t.status <> 'done')
          OR $5::boolean AND t.repeat_every IS NOT NULL
          OR $5::boolean AND t.due_date IS NULL AND t.status <> 'done'
        )
      ORDER BY (t.repeat_every IS NULL OR NOT $5::boolean), t.due_date NULLS LAST, t.created_at, t.id
      LIMIT $4`,
    [userId, today, days, limit, anytime],
  );
  return rows;
}
