/**
 * Password reset links (table password_reset_tokens): issued at most `resetLinksPerHour` an account an hour,
 * each valid `resetLinkLifetimeMinutes` and usable once. Rows are found by the token's SHA-256 only.
 */
import type pg from 'pg';
import type { Queryable } from './transaction.js';
import { lockUser } from './users.js';

export const resetLinkLifetimeMinutes = 30;
/** Links one account can be sent an hour: more requests are answered alike but send nothing (no spam). */
export const resetLinksPerHour = 3;

/**
 * Stores a new link for the user unless `resetLinksPerHour` were issued within the hour; false then.
 * Run in a transaction: the user's row is locked, so concurrent requests cannot all pass the count.
 */
export async function issueResetToken(
  client: pg.PoolClient,
  userId: string,
  tokenHash: Buffer,
): Promise<boolean> {
  await lockUser(client, userId);
  // Rows older than the window count for nothing any more: dropped here rather than by a scheduled job.
  await client.query(
    `DELETE FROM password_reset_tokens WHERE user_id = $1 AND created_at <= now() - interval '1 hour'`,
    [userId],
  );
  const { rows } = await client.query<{ issued: number }>(
    'SELECT count(*)::int AS issued FROM password_reset_tokens WHERE user_id = $1',
    [userId],
  );
  if (rows[0]!.issued >= resetLinksPerHour) return false;
  await client.query('INSERT INTO password_reset_tokens (token_hash, user_id) VALUES ($1, $2)', [
    tokenHash,
    userId,
  ]);
  return true;
}

/**
 * Uses the link: the user it was issued to, or null when it is unknown, used or expired. One statement
 * marks the row used, so two concurrent uses of one link cannot both succeed. (The user's other links are
 * spent with the password change itself: services/api/auth/replace-password.ts.)
 */
export async function consumeResetToken(db: Queryable, tokenHash: Buffer): Promise<string | null> {
  const { rows } = await db.query<{ userId: string }>(
    `UPDATE password_reset_tokens SET used_at = now()
     WHERE token_hash = $1 AND used_at IS NULL AND created_at > now() - make_interval(mins => $2)
     RETURNING user_id AS "userId"`,
    [tokenHash, resetLinkLifetimeMinutes],
  );
  return rows[0]?.userId ?? null;
}

/** Spends every unused link of the user: their password changed, so what a link would reset is gone. */
export async function spendResetTokens(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
    userId,
  ]);
}
