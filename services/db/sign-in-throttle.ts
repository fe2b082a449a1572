/**
 * The failed sign-in counters (`sign_in_throttle`), also counting password reset requests per address: one
 * row per key, counting attempts in a fixed window.
 * An attempt takes its place in the count *before* its password is checked, in one atomic upsert, so
 * concurrent attempts can never check more passwords than the limit (a later success gives the place back).
 */
import type { Queryable } from './transaction.js';

export interface ThrottleRule {
  /** `account:<lowercased e-mail>`, `address:<client address>` or `reset-request:<client address>`. */
  readonly key: string;
  /** Attempts allowed per window. */
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Counts one attempt under `rule`: null when it was admitted, else the seconds until the window ends.
 * An expired window starts afresh in the same statement. ON CONFLICT … DO UPDATE locks the row and
 * evaluates its WHERE against the latest committed count, so concurrent calls take turns on the row.
 */
export async function admitAttempt(db: Queryable, rule: ThrottleRule): Promise<number | null> {
  const admitted = await db.query(
    `INSERT INTO sign_in_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN 1
                       ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $3) THEN now()
                                ELSE t.window_started_at END
     WHERE t.window_started_at <= now() - make_interval(secs => $3) OR t.failures < $2`,
    [rule.key, rule.limit, rule.windowSeconds],
  );
  if (admitted.rowCount === 1) return null;
  const { rows } = await db.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now()))::int AS seconds
       FROM sign_in_throttle WHERE key = $1`,
    [rule.key, rule.windowSeconds],
  );
  // At least a second: the window may have ended between the two statements.
  return Math.max(1, rows[0]?.seconds ?? rule.windowSeconds);
}

/** Gives an admitted attempt's place back (it was not a failure). */
export async function releaseAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE sign_in_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0', [
    key,
  ]);
}

/** Forgets the key's failures (a successful sign-in to the account). */
export async function clearAttempts(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE key = $1', [key]);
}

/** Longer than any counter's window (the longest is an hour): a count older than this is over. */
export const PRUNE_AFTER_SECONDS = 24 * 60 * 60;

/** Deletes the counts whose window started over a day ago: they would start afresh anyway. */
export async function pruneAttempts(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE window_started_at < now() - make_interval(secs => $1)', [
    PRUNE_AFTER_SECONDS,
  ]);
}
