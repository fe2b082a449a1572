/** Tasks hang off an action cell of a goal; ownership is checked through the goal in the same statement. */
import type pg from 'pg';
import type { Repeat } from '../shared/plan-progress.js';
import { lockOwnGoal } from './goals.js';
import { CapReached, maxTasksPerAction } from './limits.js';
import { taskColumns } from './task-columns.js';
import { withTransaction, type Queryable } from './transaction.js';

export type TaskStatus = 'todo' | 'doing' | 'done';
export type { Repeat };

export interface Task {
  readonly id: string;
  readonly goalId: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly dueDate: string | null;
  readonly subGoalPosition: number;
  readonly actionPosition: number;
  /** How often it repeats; null for a one-off task (its status says whether it is done). */
  readonly repeat: Repeat | null;
  /** Days it was done in the current period (today, or the week from Monday), up to `today`. */
  readonly periodDone: number;
  /** Done on `today` (repeating tasks). */
  readonly doneToday: boolean;
}

/** The goal's tasks, or null when the goal is not the user's (one statement tells the two apart). */
export async function listTasks(
  db: Queryable,
  userId: string,
  goalId: string,
  today: string,
): Promise<Task[] | null> {
  const { rows } = await db.query<Task>(
    `SELECT ${taskColumns('$3')}
       FROM goals g LEFT JOIN tasks t ON t.goal_id = g.id
      WHERE g.id = $1 AND g.user_id = $2
      ORDER BY t.created_at, t.id`,
    [goalId, userId, today],
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null);
}

/**
 * The new task, or null when the goal is not the user's; CapReached when its action has as many tasks as it may.
 * The goal's row is locked first: creates on one goal take turns, so the count is exact, and the goal cannot be
 * deleted between the check and the insert (its deletion waits, then deletes the task with it).
 */
export async function insertTask(
  pool: pg.Pool,
  userId: string,
  task: {
    goalId: string;
    subGoalPosition: number;
    actionPosition: number;
    title: string;
    dueDate?: string | null;
    repeat?: Repeat | null;
  },
  today: string,
): Promise<Task | null> {
  return withTransaction(pool, async (client) => {
    if (!(await lockOwnGoal(client, userId, task.goalId))) return null;
    const { rows } = await client.query<Task>(
      `WITH t AS (
         INSERT INTO tasks (goal_id, sub_goal_position, action_position, title, due_date, repeat_every, repeat_times)
         SELECT $1, $2, $3, $4, $5, $7, $8
          WHERE (SELECT count(*) FROM tasks
                  WHERE goal_id = $1 AND sub_goal_position = $2 AND action_position = $3) < $6
         RETURNING *
       ) SELECT ${taskColumns('$9')} FROM t`,
      [
        task.goalId,
        task.subGoalPosition,
        task.actionPosition,
        task.title,
        task.dueDate ?? null,
        maxTasksPerAction,
        task.repeat?.every ?? null,
        task.repeat?.times ?? null,
        today,
      ],
    );
    if (!rows[0]) throw new CapReached('tasksPerAction');
    return rows[0];
  });
}

export interface TaskPatch {
  title?: string;
  status?: TaskStatus;
  dueDate?: string | null;
  /** null: no longer repeats. */
  repeat?: Repeat | null;
}

/** Only the given fields change; `dueDate: null` clears it, `repeat: null` makes it a one-off task. */
export async function updateTask(
  db: Queryable,
  userId: string,
  taskId: string,
  patch: TaskPatch,
  today: string,
): Promise<Task | null> {
  const { rows } = await db.query<Task>(updateTaskSql, [
    taskId,
    userId,
    patch.title ?? null,
    patch.status ?? null,
    patch.dueDate !== undefined,
    patch.dueDate ?? null,
    today,
    patch.repeat !== undefined,
    patch.repeat?.every ?? null,
    patch.repeat?.times ?? null,
  ]);
  return rows[0] ?? null;
}

export const updateTaskSql = `
  UPDATE tasks t
     SET title = COALESCE($3, t.title),
         status = COALESCE($4, t.status),
         due_date = CASE WHEN $5::boolean THEN $6::date ELSE t.due_date END,
         repeat_every = CASE WHEN $8::boolean THEN $9::text ELSE t.repeat_every END,
         repeat_times = CASE WHEN $8::boolean THEN $10::bigint ELSE t.repeat_times END,
         updated_at = now()
    FROM goals g
   WHERE t.id = $1 AND g.id = t.goal_id AND g.user_id = $2
   RETURNING ${taskColumns('$7')}`;

export async function deleteTask(db: Queryable, userId: string, taskId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM tasks t USING goals g WHERE t.id = $1 AND g.id = t.goal_id AND g.user_id = $2',
    [taskId, userId],
  );
  return rowCount === 1;
}
