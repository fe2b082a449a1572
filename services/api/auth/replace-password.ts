/**
 * Setting a new password, however the user proved who they are (their current password, a reset link): in one
 * transaction the hash changes, every session ends and every unused reset link is spent (what it would reset
 * is gone), and a new session starts; then this container's session check hears of the ended sessions at once.
 */
import type pg from 'pg';
import { spendResetTokens } from '../../db/password-reset-tokens.js';
import { endUserSessions } from '../../db/sessions.js';
import { withTransaction } from '../../db/transaction.js';
import { setPasswordHash, type User } from '../../db/users.js';
import { markUserSessionsEnded } from './session-check.js';
import { startSession, type Session } from './start-session.js';
import type { AccessTokens } from './tokens.js';

/** The new session, or null (nothing changed) when `whose` finds no user inside the transaction. */
export async function replacePassword(
  pool: pg.Pool,
  tokens: AccessTokens,
  passwordHash: string,
  whose: (client: pg.PoolClient) => Promise<User | null>,
): Promise<Session | null> {
  const session = await withTransaction(pool, async (client) => {
    const user = await whose(client);
    if (!user) return null;
    await setPasswordHash(client, user.id, passwordHash);
    await endUserSessions(client, user.id);
    await spendResetTokens(client, user.id);
    return startSession(client, tokens, user);
  });
  if (session) markUserSessionsEnded(session.user.id);
  return session;
}
