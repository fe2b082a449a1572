/**
 * Every read and write of `ai_jobs`: the API creates a job per goal (or hands back the one still running)
 * within the per-user limits and reads its status; the workflow's steps move it queued → running →
 * succeeded | failed; the local stack fails the jobs it cuts short. A job only ever fails through
 * `failJobs`, and only while unfinished.
 */
import type pg from 'pg';
import { jobReason, type JobReasonKind } from '../workflow/failure-reasons.js';
import { detectLanguage } from '../workflow/language.js';
import { lockOwnGoal } from './goals.js';
import type { Queryable } from './transaction.js';
import { lockUser } from './users.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type JobLimits = { readonly daily: number; readonly active: number };

/**
 * A job unfinished after this long lost its execution (the state machine's own limit is 15 minutes):
 * it is reported failed and no longer blocks a new one.
 */
const STALE_AFTER = `interval '20 minutes'`;

const unfinished: readonly JobStatus[] = ['queued', 'running'];

/**
 * Marks jobs failed, those still in one of `from`: with `reason` as given, or (a kind of reason) worded in
 * the language of each job's goal.
 */
export async function failJobs(
  db: Queryable,
  jobIds: readonly string[],
  reason: string | { readonly kind: JobReasonKind },
  from: readonly JobStatus[] = unfinished,
): Promise<void> {
  if (jobIds.length === 0) return;
  const ids = [...jobIds];
  let reasons: string[];
  if (typeof reason === 'string') {
    reasons = ids.map(() => reason);
  } else {
    const { rows } = await db.query<{ id: string; title: string }>(
      'SELECT j.id, g.title FROM ai_jobs j JOIN goals g ON g.id = j.goal_id WHERE j.id = ANY($1::uuid[])',
      [ids],
    );
    const titles = new Map(rows.map((row) => [row.id, row.title]));
    reasons = ids.map((id) => jobReason(reason.kind, detectLanguage(titles.get(id) ?? '')));
  }
  await db.query(
    `UPDATE ai_jobs j SET status = 'failed', error = f.reason, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS f(id, reason)
      WHERE j.id = f.id AND j.status = ANY($3::text[])`,
    [ids, reasons, [...from]],
  );
}

export type CreateJobOutcome =
  | { readonly kind: 'created'; readonly jobId: string }
  | { readonly kind: 'existing'; readonly jobId: string }
  | { readonly kind: 'goalNotFound' }
  | { readonly kind: 'dailyLimit'; readonly limit: number }
  | { readonly kind: 'activeLimit'; readonly limit: number };

/**
 * In one transaction: the user's row is locked first, so the user's calls take turns and the limits are
 * counted one call at a time (locking only the goal let calls on different goals count at once); the goal
 * must be the user's; a job still queued or running for it is returned as is; else the limits are checked
 * and a new queued job is inserted.
 */
export async function createJob(
  client: pg.PoolClient,
  userId: string,
  goalId: string,
  limits: JobLimits,
): Promise<CreateJobOutcome> {
  await lockUser(client, userId);
  if (!(await lockOwnGoal(client, userId, goalId))) return { kind: 'goalNotFound' };
  const stale = await client.query<{ id: string }>(
    `SELECT id FROM ai_jobs
      WHERE user_id = $1 AND status IN ('queued', 'running') AND created_at < now() - ${STALE_AFTER}`,
    [userId],
  );
  await failJobs(
    client,
    stale.rows.map((job) => job.id),
    { kind: 'stale' },
  );
  const active = await client.query<{ id: string }>(
    `SELECT id FROM ai_jobs WHERE goal_id = $1 AND status IN ('queued', 'running')`,
    [goalId],
  );
  if (active.rows[0]) return { kind: 'existing', jobId: active.rows[0].id };
  const counts = await client.query<{ today: number; active: number }>(
    `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 day')::int AS today,
            count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS active
       FROM ai_jobs WHERE user_id = $1`,
    [userId],
  );
  const { today, active: running } = counts.rows[0]!;
  if (today >= limits.daily) return { kind: 'dailyLimit', limit: limits.daily };
  if (running >= limits.active) return { kind: 'activeLimit', limit: limits.active };
  const inserted = await client.query<{ id: string }>(
    `INSERT INTO ai_jobs (goal_id, user_id) VALUES ($1, $2) RETURNING id`,
    [goalId, userId],
  );
  return { kind: 'created', jobId: inserted.rows[0]!.id };
}

/** Stores the execution that runs the job. */
export async function recordExecution(db: Queryable, jobId: string, executionArn: string): Promise<void> {
  await db.query('UPDATE ai_jobs SET execution_arn = $2, updated_at = now() WHERE id = $1', [
    jobId,
    executionArn,
  ]);
}

/** A job that could not be started at all (only a job still queued: its run may have begun after all). */
export function markNotStarted(db: Queryable, jobId: string): Promise<void> {
  return failJobs(db, [jobId], { kind: 'notStarted' }, ['queued']);
}

/** The user's job, or undefined (missing and someone else's look the same); a stale one reads as failed. */
export async function readJob(
  db: Queryable,
  userId: string,
  jobId: string,
): Promise<{ status: JobStatus; error?: string } | undefined> {
  const { rows } = await db.query<{ status: JobStatus; error: string | null; stale: boolean; title: string }>(
    `SELECT j.status, j.error, g.title,
            (j.status IN ('queued', 'running') AND j.created_at < now() - ${STALE_AFTER}) AS stale
       FROM ai_jobs j JOIN goals g ON g.id = j.goal_id WHERE j.id = $1 AND j.user_id = $2`,
    [jobId, userId],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) return { status: 'failed', error: jobReason('stale', detectLanguage(row.title)) };
  return row.error ? { status: row.status, error: row.error } : { status: row.status };
}

/**
 * The workflow's first step: the job, still unfinished and matching its goal and user, becomes running (a
 * retry of the step finds it running already). False when it is gone or already finished.
 */
export async function markJobRunning(
  db: Queryable,
  job: { readonly jobId: string; readonly goalId: string; readonly userId: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE ai_jobs SET status = 'running', updated_at = now()
      WHERE id = $1 AND goal_id = $2 AND user_id = $3 AND status IN ('queued', 'running')`,
    [job.jobId, job.goalId, job.userId],
  );
  return rowCount !== 0;
}

/** Locks the job's row for the rest of the transaction and returns its status (undefined: gone). */
export async function lockJob(
  client: pg.PoolClient,
  jobId: string,
  goalId: string,
): Promise<JobStatus | undefined> {
  const { rows } = await client.query<{ status: JobStatus }>(
    'SELECT status FROM ai_jobs WHERE id = $1 AND goal_id = $2 FOR UPDATE',
    [jobId, goalId],
  );
  return rows[0]?.status;
}

export async function markJobSucceeded(db: Queryable, jobId: string): Promise<void> {
  await db.query(`UPDATE ai_jobs SET status = 'succeeded', error = NULL, updated_at = now() WHERE id = $1`, [
    jobId,
  ]);
}
