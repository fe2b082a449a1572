/**
 * AI jobs as the API sees them: create one per goal (or hand back the one still running), enforce the
 * per-user limits, read a job's status. The workflow's own steps move a job along (store.ts).
 */
import type pg from 'pg';
import * as z from 'zod';
import { jobReason } from './failure-reasons.js';
import { detectLanguage } from './language.js';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

const limitsSchema = z.object({
  /** Jobs one user may start per rolling 24 hours. */
  AI_DAILY_JOB_LIMIT: z.coerce.number().int().min(1, 'AI_DAILY_JOB_LIMIT must be at least 1').default(20),
  /** Jobs one user may have queued or running at once (over all their goals). */
  AI_ACTIVE_JOB_LIMIT: z.coerce.number().int().min(1, 'AI_ACTIVE_JOB_LIMIT must be at least 1').default(3),
});

export type JobLimits = { readonly daily: number; readonly active: number };

/** The limits from the environment (validated; a bad value is a one-line configuration error). */
export function jobLimits(env: NodeJS.ProcessEnv = process.env): JobLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`ai configuration: ${parsed.error.issues[0]!.message}`);
  return { daily: parsed.data.AI_DAILY_JOB_LIMIT, active: parsed.data.AI_ACTIVE_JOB_LIMIT };
}

/**
 * A job unfinished after this long lost its execution (the state machine's own limit is 15 minutes):
 * it is reported failed and no longer blocks a new one.
 */
const STALE_AFTER = `interval '20 minutes'`;

export type CreateJobOutcome =
  | { readonly kind: 'created'; readonly jobId: string }
  | { readonly kind: 'existing'; readonly jobId: string }
  | { readonly kind: 'goalNotFound' }
  | { readonly kind: 'dailyLimit'; readonly limit: number }
  | { readonly kind: 'activeLimit'; readonly limit: number };

/**
 * In one transaction: the goal must be the user's (its row is locked, so two calls for one goal take
 * turns); a job still queued or running for it is returned as is; else the limits are checked and a new
 * queued job is inserted.
 */
export async function createJob(
  client: pg.PoolClient,
  userId: string,
  goalId: string,
  limits: JobLimits,
): Promise<CreateJobOutcome> {
  const goal = await client.query('SELECT 1 FROM goals WHERE id = $1 AND user_id = $2 FOR UPDATE', [
    goalId,
    userId,
  ]);
  if (goal.rowCount === 0) return { kind: 'goalNotFound' };
  const stale = await client.query<{ id: string; title: string }>(
    `SELECT j.id, g.title FROM ai_jobs j JOIN goals g ON g.id = j.goal_id
      WHERE j.user_id = $1 AND j.status IN ('queued', 'running') AND j.created_at < now() - ${STALE_AFTER}`,
    [userId],
  );
  for (const job of stale.rows) {
    await client.query(`UPDATE ai_jobs SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [
      job.id,
      jobReason('stale', detectLanguage(job.title)),
    ]);
  }
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
export async function recordExecution(db: pg.Pool, jobId: string, executionArn: string): Promise<void> {
  await db.query('UPDATE ai_jobs SET execution_arn = $2, updated_at = now() WHERE id = $1', [
    jobId,
    executionArn,
  ]);
}

/** A job that could not be started at all. */
export async function markNotStarted(db: pg.Pool, jobId: string): Promise<void> {
  const { rows } = await db.query<{ title: string }>(
    'SELECT g.title FROM ai_jobs j JOIN goals g ON g.id = j.goal_id WHERE j.id = $1',
    [jobId],
  );
  await db.query(
    `UPDATE ai_jobs SET status = 'failed', error = $2, updated_at = now() WHERE id = $1 AND status = 'queued'`,
    [jobId, jobReason('notStarted', detectLanguage(rows[0]?.title ?? ''))],
  );
}

/** The user's job, or undefined (missing and someone else's look the same); a stale one reads as failed. */
export async function readJob(
  db: pg.Pool,
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
