/** Reflections (振り返り) on a goal's progress; ownership is checked through the goal. */
import { noRowsIfParentGone } from './parent-gone.js';
import type { Queryable } from './transaction.js';

export interface Reflection {
  readonly id: string;
  readonly goalId: string;
  readonly date: string;
  readonly content: string;
  readonly rating: number | null;
}

const reflectionColumns = 'r.id, r.goal_id AS "goalId", r.date, r.content, r.rating';

/** Newest first, or null when the goal is not the user's. */
export async function listReflections(
  db: Queryable,
  userId: string,
  goalId: string,
): Promise<Reflection[] | null> {
  const { rows } = await db.query<Reflection>(
    `SELECT ${reflectionColumns}
       FROM goals g LEFT JOIN reflections r ON r.goal_id = g.id
      WHERE g.id = $1 AND g.user_id = $2
      ORDER BY r.date DESC, r.created_at DESC`,
    [goalId, userId],
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row.id !== null);
}

export async function insertReflection(
  db: Queryable,
  userId: string,
  reflection: { goalId: string; content: string; rating?: number | null; date?: string },
): Promise<Reflection | null> {
  const { rows } = await db
    .query<Reflection>(
      `WITH r AS (
       INSERT INTO reflections (goal_id, content, rating, date)
       SELECT g.id, $3, $4, COALESCE($5::date, CURRENT_DATE) FROM goals g WHERE g.id = $1 AND g.user_id = $2
       RETURNING *
     ) SELECT ${reflectionColumns} FROM r`,
      [reflection.goalId, userId, reflection.content, reflection.rating ?? null, reflection.date ?? null],
    )
    .catch(noRowsIfParentGone<Reflection>);
  return rows[0] ?? null;
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
