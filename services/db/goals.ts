/**
 * Goals and their chart. Every statement is scoped by the owner's id, so another user's goal is
 * indistinguishable from a missing one (null / false).
 */
import type pg from 'pg';
import { CapReached, maxGoalsPerUser } from './limits.js';
import { StaleEdit } from './stale-edit.js';
import { withTransaction, type Queryable } from './transaction.js';
import { lockUser } from './users.js';

export interface GoalSummary {
  readonly id: string;
  readonly title: string;
  readonly deadline: string | null;
  /** Share of the goal's tasks that are done, 0–100 (0 with no tasks). */
  readonly progress: number;
}

export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly deadline: string | null;
  /** The row's version: an edit may send it back as `expectedUpdatedAt` (see stale-edit.ts). */
  readonly updatedAt: string;
}

export interface Cell {
  readonly position: number;
  readonly title: string;
  /** Written by an AI draft and not edited since. */
  readonly drafted: boolean;
  /**
   * The cell's version: an edit may send it back as `expectedUpdatedAt` (see stale-edit.ts). Null only for
   * a cell whose row is missing (every goal is created with all 72).
   */
  readonly updatedAt: string | null;
}

export interface SubGoalCell extends Cell {
  readonly actions: Cell[];
}

export interface GoalChart extends Goal {
  readonly subGoals: SubGoalCell[];
}

/**
 * A row's `updated_at` as text to the microsecond (a JSON Date keeps only milliseconds), so that it compares
 * equal to the stored value when an edit sends it back.
 */
const version = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const goalColumns = `id, title, description, deadline, ${version('updated_at')} AS "updatedAt"`;

export async function listGoals(db: Queryable, userId: string): Promise<GoalSummary[]> {
  const { rows } = await db.query<GoalSummary>(
    `SELECT g.id, g.title, g.deadline,
            COALESCE(round(100.0 * count(t.id) FILTER (WHERE t.status = 'done') / NULLIF(count(t.id), 0)), 0)::int
              AS progress
       FROM goals g LEFT JOIN tasks t ON t.goal_id = g.id
      WHERE g.user_id = $1
      GROUP BY g.id
      ORDER BY g.created_at, g.id`,
    [userId],
  );
  return rows;
}

/**
 * The goal with its 8 empty sub-goal and 64 empty action cells, in one statement; null when the user is gone;
 * CapReached when the user has as many goals as they may. The user's row is locked first (NO KEY UPDATE:
 * their other creates queue, inserts merely referencing the user do not), so concurrent creates count in turn.
 */
export async function insertGoal(
  pool: pg.Pool,
  userId: string,
  goal: { title: string; description?: string; deadline?: string | null },
): Promise<Goal | null> {
  return withTransaction(pool, async (client) => {
    if (!(await lockUser(client, userId))) return null;
    const { rows } = await client.query<Goal>(
      `WITH goal AS (
         INSERT INTO goals (user_id, title, description, deadline)
         SELECT $1, $2, COALESCE($3, ''), $4
          WHERE (SELECT count(*) FROM goals WHERE user_id = $1) < $5
         RETURNING ${goalColumns}
       ), sub_goal_cells AS (
         INSERT INTO sub_goals (goal_id, position)
         SELECT goal.id, p FROM goal, generate_series(0, 7) p
       ), action_cells AS (
         INSERT INTO actions (goal_id, sub_goal_position, position)
         SELECT goal.id, s, p FROM goal, generate_series(0, 7) s, generate_series(0, 7) p
       )
       SELECT * FROM goal`,
      [userId, goal.title, goal.description ?? null, goal.deadline ?? null, maxGoalsPerUser],
    );
    if (!rows[0]) throw new CapReached('goalsPerUser');
    return rows[0];
  });
}

/**
 * True when the goal is the user's; its row is then locked for the rest of the transaction (NO KEY UPDATE:
 * writes under the goal take turns and the goal cannot be deleted meanwhile, while inserts that merely
 * reference it still proceed).
 */
export async function lockOwnGoal(client: pg.PoolClient, userId: string, goalId: string): Promise<boolean> {
  const { rowCount } = await client.query(
    'SELECT 1 FROM goals WHERE id = $1 AND user_id = $2 FOR NO KEY UPDATE',
    [goalId, userId],
  );
  return rowCount === 1;
}

/**
 * The whole 9×9 chart in one round trip: the database builds the JSON. The generate_series joins make
 * it 8×8 slots even if a row were missing.
 */
export async function getGoalChart(db: Queryable, userId: string, goalId: string): Promise<GoalChart | null> {
  const { rows } = await db.query<{ chart: GoalChart }>(getGoalChartSql, [goalId, userId]);
  return rows[0]?.chart ?? null;
}

export const getGoalChartSql = `
  SELECT json_build_object(
    'id', g.id, 'title', g.title, 'description', g.description, 'deadline', g.deadline,
    'updatedAt', ${version('g.updated_at')},
    'subGoals', (
      SELECT json_agg(json_build_object(
        'position', sp,
        'title', COALESCE(s.title, ''),
        'drafted', s.drafted_by IS NOT NULL,
        'updatedAt', ${version('s.updated_at')},
        'actions', (
          SELECT json_agg(json_build_object(
                   'position', ap, 'title', COALESCE(a.title, ''), 'drafted', a.drafted_by IS NOT NULL,
                   'updatedAt', ${version('a.updated_at')}
                 ) ORDER BY ap)
            FROM generate_series(0, 7) ap
            LEFT JOIN actions a ON a.goal_id = g.id AND a.sub_goal_position = sp AND a.position = ap
        )) ORDER BY sp)
        FROM generate_series(0, 7) sp
        LEFT JOIN sub_goals s ON s.goal_id = g.id AND s.position = sp
    )) AS chart
  FROM goals g
  WHERE g.id = $1 AND g.user_id = $2`;

/**
 * Only the given fields change; `deadline: null` clears it. With `expectedUpdatedAt`, only if the goal is
 * still at that version: else StaleEdit with its current title.
 */
export async function updateGoal(
  db: Queryable,
  userId: string,
  goalId: string,
  patch: { title?: string; description?: string; deadline?: string | null; expectedUpdatedAt?: string },
): Promise<Goal | null> {
  const { rows } = await db.query<Goal>(
    `UPDATE goals
        SET title = COALESCE($3, title),
            description = COALESCE($4, description),
            deadline = CASE WHEN $5::boolean THEN $6::date ELSE deadline END,
            updated_at = now()
      WHERE id = $1 AND user_id = $2 AND ($7::timestamptz IS NULL OR updated_at = $7::timestamptz)
      RETURNING ${goalColumns}`,
    [
      goalId,
      userId,
      patch.title ?? null,
      patch.description ?? null,
      patch.deadline !== undefined,
      patch.deadline ?? null,
      patch.expectedUpdatedAt ?? null,
    ],
  );
  if (rows[0] || patch.expectedUpdatedAt === undefined) return rows[0] ?? null;
  return staleOrMissing(
    db,
    `SELECT title, ${version('updated_at')} AS "updatedAt" FROM goals WHERE id = $1 AND user_id = $2`,
    [goalId, userId],
  );
}

/** Deletes the goal and, by cascade, its cells, tasks, reflections and AI jobs. */
export async function deleteGoal(db: Queryable, userId: string, goalId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM goals WHERE id = $1 AND user_id = $2', [goalId, userId]);
  return rowCount === 1;
}

export interface SubGoalEdit {
  readonly goalId: string;
  readonly position: number;
  readonly title: string;
  /** The version the edit started from: a cell changed since is not overwritten (StaleEdit). */
  readonly expectedUpdatedAt?: string;
}

export async function setSubGoal(
  db: Queryable,
  userId: string,
  cell: SubGoalEdit,
): Promise<{ goalId: string; position: number; title: string; updatedAt: string } | null> {
  const { rows } = await db.query<{ goalId: string; position: number; title: string; updatedAt: string }>(
    // The person's own words from now on: no longer the AI's draft.
    `UPDATE sub_goals s SET title = $4, drafted_by = NULL, updated_at = now()
       FROM goals g
      WHERE s.goal_id = $1 AND s.position = $3 AND g.id = s.goal_id AND g.user_id = $2
        AND ($5::timestamptz IS NULL OR s.updated_at = $5::timestamptz)
      RETURNING s.goal_id AS "goalId", s.position, s.title, ${version('s.updated_at')} AS "updatedAt"`,
    [cell.goalId, userId, cell.position, cell.title, cell.expectedUpdatedAt ?? null],
  );
  if (rows[0] || cell.expectedUpdatedAt === undefined) return rows[0] ?? null;
  return staleOrMissing(
    db,
    `SELECT s.title, ${version('s.updated_at')} AS "updatedAt"
       FROM sub_goals s JOIN goals g ON g.id = s.goal_id
      WHERE s.goal_id = $1 AND g.user_id = $2 AND s.position = $3`,
    [cell.goalId, userId, cell.position],
  );
}

export interface ActionEdit extends SubGoalEdit {
  readonly subGoalPosition: number;
}

export async function setAction(
  db: Queryable,
  userId: string,
  cell: ActionEdit,
): Promise<{
  goalId: string;
  subGoalPosition: number;
  position: number;
  title: string;
  updatedAt: string;
} | null> {
  const { rows } = await db.query<{
    goalId: string;
    subGoalPosition: number;
    position: number;
    title: string;
    updatedAt: string;
  }>(
    `UPDATE actions a SET title = $5, drafted_by = NULL, updated_at = now()
       FROM goals g
      WHERE a.goal_id = $1 AND a.sub_goal_position = $3 AND a.position = $4
        AND g.id = a.goal_id AND g.user_id = $2
        AND ($6::timestamptz IS NULL OR a.updated_at = $6::timestamptz)
      RETURNING a.goal_id AS "goalId", a.sub_goal_position AS "subGoalPosition", a.position, a.title,
                ${version('a.updated_at')} AS "updatedAt"`,
    [cell.goalId, userId, cell.subGoalPosition, cell.position, cell.title, cell.expectedUpdatedAt ?? null],
  );
  if (rows[0] || cell.expectedUpdatedAt === undefined) return rows[0] ?? null;
  return staleOrMissing(
    db,
    `SELECT a.title, ${version('a.updated_at')} AS "updatedAt"
       FROM actions a JOIN goals g ON g.id = a.goal_id
      WHERE a.goal_id = $1 AND g.user_id = $2 AND a.sub_goal_position = $3 AND a.position = $4`,
    [cell.goalId, userId, cell.subGoalPosition, cell.position],
  );
}

/**
 * An edit at a version that did not match: the row as it is now (StaleEdit), or null when it is not the
 * user's (missing and someone else's look the same).
 */
async function staleOrMissing(db: Queryable, currentSql: string, params: unknown[]): Promise<null> {
  const { rows } = await db.query<{ title: string; updatedAt: string }>(currentSql, params);
  if (rows[0]) throw new StaleEdit(rows[0]);
  return null;
}
