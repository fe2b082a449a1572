/**
 * The done history of repeating tasks: one row per task and day. Marking a day done twice is one row;
 * ownership is checked through the task's goal in the same statement.
 */
import { taskColumns } from './task-columns.js';
import type { Task } from './tasks.js';
import type { Queryable } from './transaction.js';

/**
 * Marks (`done`) or unmarks the task done on `date`; the task as it is then (counted up to `date`), or null
 * when it is not the user's. 'oneOff' when the task does not repeat (its status says whether it is done).
 */
export async function setCompletion(
  db: Queryable,
  userId: string,
  completion: { taskId: string; date: string; done: boolean },
): Promise<Task | null | 'oneOff'> {
  const { rows } = await db.query<{ repeats: boolean }>(
    `SELECT t.repeat_every IS NOT NULL AS repeats
       FROM tasks t JOIN goals g ON g.id = t.goal_id
      WHERE t.id = $1 AND g.user_id = $2`,
    [completion.taskId, userId],
  );
  if (!rows[0]) return null;
  if (!rows[0].repeats) return 'oneOff';
  // A statement's data-modifying CTE is not visible to its own SELECT: the write runs first, then the read.
  await db.query(
    completion.done
      ? `INSERT INTO task_completions (task_id, done_on)
         SELECT t.id, $3 FROM tasks t JOIN goals g ON g.id = t.goal_id WHERE t.id = $1 AND g.user_id = $2
         ON CONFLICT DO NOTHING`
      : `DELETE FROM task_completions c USING tasks t, goals g
          WHERE c.task_id = $1 AND c.done_on = $3 AND t.id = c.task_id AND g.id = t.goal_id AND g.user_id = $2`,
    [completion.taskId, userId, completion.date],
  );
  const task = await db.query<Task>(
    `SELECT ${taskColumns('$3')} FROM tasks t JOIN goals g ON g.id = t.goal_id
      WHERE t.id = $1 AND g.user_id = $2`,
    [completion.taskId, userId, completion.date],
  );
  return task.rows[0] ?? null;
}

/** The days the task was done from `from` to `to`, newest first; null when it is not the user's. */
export async function listCompletions(
  db: Queryable,
  userId: string,
  query: { taskId: string; from: string; to: string },
): Promise<string[] | null> {
  const { rows } = await db.query<{ doneOn: string | null }>(
    `SELECT c.done_on AS "doneOn"
       FROM tasks t JOIN goals g ON g.id = t.goal_id
       LEFT JOIN task_completions c ON c.task_id = t.id AND c.done_on BETWEEN $3 AND $4
      WHERE t.id = $1 AND g.user_id = $2
      ORDER BY c.done_on DESC`,
    [query.taskId, userId, query.from, query.to],
  );
  if (rows.length === 0) return null;
  return rows.flatMap((row) => (row.doneOn === null ? [] : [row.doneOn]));
}
