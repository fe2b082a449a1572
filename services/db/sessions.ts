/**
 * Sessions: one row per access token handed out (the token's `sid` claim names it). A token is honoured
 * only while its row exists, so ending a session is deleting its row.
 */
import { maxSessionsPerUser } from './limits.js';
import type { Queryable } from './transaction.js';

/** A new session of the user lasting `lifetimeSeconds`; the user's expired and surplus sessions end. */
export async function createSession(db: Queryable, userId: string, lifetimeSeconds: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2))
     RETURNING id`,
    [userId, lifetimeSeconds],
  );
  await db.query(
    `DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= now() OR id IN (
       SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id OFFSET $2))`,
    [userId, maxSessionsPerUser],
  );
  return rows[0]!.id;
}

/** True while the session exists, is the user's and has not expired. */
export async function sessionIsLive(db: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND expires_at > now()',
    [sessionId, userId],
  );
  return rowCount === 1;
}

export async function endSession(db: Queryable, sessionId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [sessionId, userId]);
}

/** Ends every session of the user except `keep` (when given). */
export async function endUserSessions(db: Queryable, userId: string, keep?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid', [
    userId,
    keep ?? null,
  ]);
}
