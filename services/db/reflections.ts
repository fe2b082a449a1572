/** Reflections (振り返り) on a goal's progress; ownership is checked through the goal. */
import type pg from 'pg';
import { lockOwnGoal } from './goals.js';
import { CapReached, maxReflectionsPerGoal } from './limits.js';
import { withTransaction, type Queryable } from './transaction.js';

export interface Reflection {
  readonly id: string;
  readonly goalId: string;
  readonly date: string;
  readonly content: string;
  readonly rating: number | null;
}

export interface ReflectionPage {
  /** At most this many. */
  readonly limit: number;
  /** The id of the last reflection of the previous page: the page holds those after it. */
  readonly before?: string;
}

const reflectionColumns = 'r.id, r.goal_id AS "goalId", r.date, r.content, r.rating';

/**
 * Newest first (by date, then by when written), a page at a time: keyset on (date, created_at, id), so a page
 * is as cheap deep in the list as at its start and a reflection written meanwhile shifts nothing. Null when
 * the goal is not the user's; `'before'` when the cursor is not one of the goal's reflections.
 */
export async function listReflections(
  db: Queryable,
  userId: string,
  goalId: string,
  page: ReflectionPage,
): Promise<Reflection[] | null | 'before'> {
  const { rows } = await db.query<Reflection & { cursorFound: boolean }>(
    `WITH cursor AS (SELECT date, created_at, id FROM reflections WHERE id = $3 AND goal_id = $1)
     SELECT ${reflectionColumns}, ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM cursor)) AS "cursorFound"
       FROM goals g
       LEFT JOIN LATERAL (
         SELECT * FROM reflections r
          WHERE r.goal_id = g.id
            AND ($3::uuid IS NULL OR (r.date, r.created_at, r.id) < (SELECT date, created_at, id FROM cursor))
          ORDER BY r.date DESC, r.created_at DESC, r.id DESC
          LIMIT $4
       ) r ON true
      WHERE g.id = $1 AND g.user_id = $2
      ORDER BY r.date DESC, r.created_at DESC, r.id DESC`,
    [goalId, userId, page.before ?? null, page.limit],
  );
  if (rows.length === 0) return null;
  if (!rows[0]!.cursorFound) return 'before';
  return rows.filter((row) => row.id !== null).map(({ cursorFound: _, ...reflection }) => reflection);
}

/**
 * The new reflection, or null when the goal is not the user's; CapReached when the goal has as many
 * reflections as it may. The goal's row is locked first (see `lockOwnGoal`): the count is exact, and the goal
 * cannot be deleted between the check and the insert.
 */
export async function insertReflection(
  pool: pg.Pool,
  userId: string,
  reflection: { goalId: string; content: string; rating?: number | null; date?: string },
): Promise<Reflection | null> {
  return withTransaction(pool, async (client) => {
    if (!(await lockOwnGoal(client, userId, reflection.goalId))) return null;
    const { rows } = await client.query<Reflection>(
      `WITH r AS (
         INSERT INTO reflections (goal_id, content, rating, date)
         SELECT $1, $2, $3, COALESCE($4::date, CURRENT_DATE)
          WHERE (SELECT count(*) FROM reflections WHERE goal_id = $1) < $5
         RETURNING *
       ) SELECT ${reflectionColumns} FROM r`,
      [
        reflection.goalId,
        reflection.content,
        reflection.rating ?? null,
        reflection.date ?? null,
        maxReflectionsPerGoal,
      ],
    );
    if (!rows[0]) throw new CapReached('reflectionsPerGoal');
    return rows[0];
  });
}

export async function deleteReflection(
  db: Queryable,
  userId: string,
  reflectionId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM reflections r USING goals g WHERE r.id = $1 AND g.id = r.goal_id AND g.user_id = $2',
    [reflectionId, userId],
  );
  return rowCount === 1;
}
