/**
 * The workflow's database reads and writes (the job's own row through services/db/ai-jobs.ts). Every write
 * is conditional, so a retried step or a user typing at the same moment never loses data: drafts only fill
 * cells that are still empty.
 */
import type pg from 'pg';
import { failJobs, lockJob, markJobRunning, markJobSucceeded } from '../db/ai-jobs.js';
import { isDatabaseOutage } from '../db/database-outage.js';
import { withTransaction } from '../db/transaction.js';
import { WorkflowError } from './errors.js';
import { detectLanguage } from './language.js';
import { SLOTS, type DraftedJobState, type JobState, type WorkflowInput } from './workflow-state.js';
import { workflowErrors } from './steps.js';

/** Maps a `pg` failure onto DatabaseUnavailable (retried) or DatabaseError (not). */
export function classifyDatabaseError(error: unknown): WorkflowError {
  if (error instanceof WorkflowError) return error;
  const { code = '', message = String(error) } = error as { code?: string; message?: string };
  return new WorkflowError(
    isDatabaseOutage(error) ? workflowErrors.databaseUnavailable : workflowErrors.databaseError,
    `database: ${code ? `${code} ` : ''}${message}`,
  );
}

/** The pool a step uses, created on first use (the entry point hands it in). */
export type Database = () => Promise<pg.Pool>;

async function withDatabase<T>(db: Database, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  try {
    return await work(await db());
  } catch (error) {
    throw classifyDatabaseError(error);
  }
}

/** Runs `work` in one transaction on one connection: all of it is committed, or none. */
function inTransaction<T>(db: Database, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withDatabase(db, (pool) => withTransaction(pool, work));
}

interface SlotRow {
  goal_title: string;
  description: string;
  position: number | null;
  sub_goal_title: string | null;
  actions: { position: number; title: string }[] | null;
}

/**
 * Marks the job running (a retry of this step finds it running already) and loads its goal's chart in the
 * same transaction. A job that is gone (its goal was deleted) or already finished fails with GoalNotFound.
 */
export async function startJob(db: Database, input: WorkflowInput): Promise<JobState> {
  return inTransaction(db, async (client) => {
    if (!(await markJobRunning(client, input)))
      throw new WorkflowError(workflowErrors.goalNotFound, 'the job or its goal no longer exists');
    const { rows } = await client.query<SlotRow>(
      `SELECT g.title AS goal_title, g.description, s.position, s.title AS sub_goal_title,
              (SELECT json_agg(json_build_object('position', a.position, 'title', a.title))
                 FROM actions a WHERE a.goal_id = s.goal_id AND a.sub_goal_position = s.position) AS actions
         FROM goals g LEFT JOIN sub_goals s ON s.goal_id = g.id
        WHERE g.id = $1 AND g.user_id = $2
        ORDER BY s.position`,
      [input.goalId, input.userId],
    );
    if (rows.length === 0) throw new WorkflowError(workflowErrors.goalNotFound, 'the goal no longer exists');
    const { goal_title: title, description } = rows[0]!;
    const subGoals = Array.from({ length: SLOTS }, (_, position) => {
      const row = rows.find((r) => r.position === position);
      const actions = Array.from(
        { length: SLOTS },
        (_, a) => row?.actions?.find((action) => action.position === a)?.title ?? '',
      );
      return { position, title: row?.sub_goal_title ?? '', actions };
    });
    const language = detectLanguage(title, description, ...subGoals.map((s) => s.title));
    return { ...input, goal: { title, description, language }, subGoals };
  });
}

/** Counts of cells actually filled (cells the user typed in meanwhile are left alone). */
export interface SavedDrafts {
  readonly subGoals: number;
  readonly actions: number;
}

/**
 * Writes every draft into cells that are still empty and marks the job succeeded, in one transaction.
 * The job row is locked first: a job no longer running (failed meanwhile, or deleted with its goal) writes
 * nothing.
 */
export async function saveDrafts(db: Database, state: DraftedJobState): Promise<SavedDrafts> {
  const subGoals = state.subGoals.filter((s) => s.drafted);
  const actions = state.actionDrafts.flatMap((d) =>
    d.actions.map((a) => ({ subGoalPosition: d.subGoalPosition, position: a.position, title: a.title })),
  );
  return inTransaction(db, async (client) => {
    const status = await lockJob(client, state.jobId, state.goalId);
    // A retry after a commit whose answer was lost: already done, nothing more to write.
    if (status === 'succeeded') return { subGoals: 0, actions: 0 };
    if (status !== 'running') {
      throw new WorkflowError(
        workflowErrors.goalNotFound,
        'the job is no longer running or its goal was deleted',
      );
    }
    const savedSubGoals = await client.query(
      `INSERT INTO sub_goals (goal_id, position, title, drafted_by)
       SELECT $1, position, title, $4 FROM unnest($2::smallint[], $3::text[]) AS d(position, title)
       ON CONFLICT (goal_id, position)
         DO UPDATE SET title = EXCLUDED.title, drafted_by = EXCLUDED.drafted_by, updated_at = now()
        WHERE sub_goals.title = ''`,
      [state.goalId, subGoals.map((s) => s.position), subGoals.map((s) => s.title), state.jobId],
    );
    const savedActions = await client.query(
      `INSERT INTO actions (goal_id, sub_goal_position, position, title, drafted_by)
       SELECT $1, sub_goal_position, position, title, $5
         FROM unnest($2::smallint[], $3::smallint[], $4::text[]) AS d(sub_goal_position, position, title)
       ON CONFLICT (goal_id, sub_goal_position, position)
         DO UPDATE SET title = EXCLUDED.title, drafted_by = EXCLUDED.drafted_by, updated_at = now()
        WHERE actions.title = ''`,
      [
        state.goalId,
        actions.map((a) => a.subGoalPosition),
        actions.map((a) => a.position),
        actions.map((a) => a.title),
        state.jobId,
      ],
    );
    await markJobSucceeded(client, state.jobId);
    return { subGoals: savedSubGoals.rowCount ?? 0, actions: savedActions.rowCount ?? 0 };
  });
}

/** Marks an unfinished job failed with a reason a user can read; a finished job is left as it is. */
export async function markJobFailed(db: Database, jobId: string, reason: string): Promise<void> {
  await withDatabase(db, (pool) => failJobs(pool, [jobId], reason));
}
