/** Signing a user in: a new session row and the access token naming it. */
import { createSession } from '../../db/sessions.js';
import type { Queryable } from '../../db/transaction.js';
import type { User } from '../../db/users.js';
import { tokenLifetimeSeconds, type AccessTokens } from './tokens.js';

export interface Session {
  readonly accessToken: string;
  readonly user: User;
}

export async function startSession(db: Queryable, tokens: AccessTokens, user: User): Promise<Session> {
  const sessionId = await createSession(db, user.id, tokenLifetimeSeconds);
  return {
    accessToken: await tokens.sign(user, sessionId),
    user: { id: user.id, email: user.email, name: user.name },
  };
}
