/**
 * "Download my data": the user's account, goals with their cells, tasks, the done history of repeating
 * tasks and reflections, as one JSON document. The answer is capped (`maxExportBytes`, under Lambda's 6 MB
 * answer limit): lists are filled in that order until the cap, and `complete: false` with the counts left
 * out says when it was reached (far beyond what a person writes: the caps of limits.ts allow more).
 */
import { findUserById, type User } from './users.js';
import type { Queryable } from './transaction.js';

export const maxExportBytes = 4_000_000;

/** Rows fetched per list at most, before the byte cap trims them (bounds the database's work). */
const maxRowsPerList = 50_000;

export interface UserExport {
  readonly format: 'goal-mandala-export/1';
  readonly exportedAt: string;
  readonly user: User;
  readonly goals: unknown[];
  readonly tasks: unknown[];
  readonly completions: unknown[];
  readonly reflections: unknown[];
  /** False when the cap left rows out; `omitted` counts them per list. */
  readonly complete: boolean;
  readonly omitted: { goals: number; tasks: number; completions: number; reflections: number };
}

const lists = {
  goals: `
    SELECT g.id, g.title, g.description, g.deadline, g.created_at AS "createdAt",
           (SELECT json_agg(json_build_object(
                     'position', s.position, 'title', s.title,
                     'actions', (SELECT json_agg(json_build_object('position', a.position, 'title', a.title)
                                                 ORDER BY a.position)
                                   FROM actions a WHERE a.goal_id = g.id AND a.sub_goal_position = s.position)
                   ) ORDER BY s.position)
              FROM sub_goals s WHERE s.goal_id = g.id) AS "subGoals"
      FROM goals g WHERE g.user_id = $1
     ORDER BY g.created_at, g.id LIMIT $2`,
  tasks: `
    SELECT t.id, t.goal_id AS "goalId", t.sub_goal_position AS "subGoalPosition",
           t.action_position AS "actionPosition", t.title, t.status, t.due_date AS "dueDate",
           CASE WHEN t.repeat_every IS NULL THEN NULL
                ELSE json_build_object('every', t.repeat_every, 'times', t.repeat_times) END AS repeat,
           t.created_at AS "createdAt"
      FROM tasks t JOIN goals g ON g.id = t.goal_id WHERE g.user_id = $1
     ORDER BY t.created_at, t.id LIMIT $2`,
  completions: `
    SELECT c.task_id AS "taskId", c.done_on AS "date"
      FROM task_completions c JOIN tasks t ON t.id = c.task_id JOIN goals g ON g.id = t.goal_id
     WHERE g.user_id = $1
     ORDER BY c.done_on DESC, c.task_id LIMIT $2`,
  reflections: `
    SELECT r.id, r.goal_id AS "goalId", r.date, r.content, r.rating, r.created_at AS "createdAt"
      FROM reflections r JOIN goals g ON g.id = r.goal_id WHERE g.user_id = $1
     ORDER BY r.date DESC, r.created_at DESC, r.id LIMIT $2`,
} as const;

type ListName = keyof typeof lists;

/** Everything of the user's, or null when the user is gone. */
export async function exportUserData(
  db: Queryable,
  userId: string,
  maxBytes = maxExportBytes,
): Promise<UserExport | null> {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const exportedAt = new Date().toISOString();
  // The envelope and the account come first; every row then costs its JSON and a comma.
  let budget = maxBytes - Buffer.byteLength(JSON.stringify({ user, exportedAt })) - 400;
  const kept = {} as Record<ListName, unknown[]>;
  const omitted = { goals: 0, tasks: 0, completions: 0, reflections: 0 };
  for (const name of Object.keys(lists) as ListName[]) {
    const { rows } = await db.query(lists[name], [userId, maxRowsPerList]);
    kept[name] = [];
    for (const row of rows) {
      const size = Buffer.byteLength(JSON.stringify(row)) + 1;
      if (size > budget) {
        omitted[name] = rows.length - kept[name].length;
        budget = 0;
        break;
      }
      budget -= size;
      kept[name].push(row);
    }
  }
  return {
    format: 'goal-mandala-export/1',
    exportedAt,
    user,
    ...kept,
    complete: Object.values(omitted).every((count) => count === 0),
    omitted,
  } as UserExport;
}
