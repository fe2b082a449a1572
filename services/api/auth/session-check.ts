/**
 * Is a verified token's session still live? The answer is cached per container like the token check itself,
 * so a client sending the same token with every call costs the database one lookup per horizon, not per call:
 *   - "live" is trusted for `revocationHorizonMs` (60 s), then asked again. A session ended by another
 *     container (another Lambda, another instance) is therefore refused everywhere within a minute;
 *   - "ended" is remembered until the token expires (an ended session never comes back);
 *   - the container that ends a session marks it ended here at once (`markEnded…`), so it refuses the token
 *     from the very next call.
 */
import type { Queryable } from '../../db/transaction.js';
import { sessionIsLive } from '../../db/sessions.js';
import { tokenLifetimeSeconds, type VerifiedToken } from './tokens.js';

/** How long a container trusts a "live" answer before asking the database again. */
export const revocationHorizonMs = 60_000;

interface Checked {
  readonly userId: string;
  readonly live: boolean;
  /** Until when this answer stands (ms since the epoch). */
  readonly until: number;
}

const checked = new Map<string, Checked>();
const maxChecked = 1000;

function record(sessionId: string, answer: Checked): void {
  checked.delete(sessionId); // re-inserted last: the oldest entry is evicted first
  if (checked.size >= maxChecked) checked.delete(checked.keys().next().value!);
  checked.set(sessionId, answer);
}

/** True when the token's session is live: from the cache when it has an answer, else from the database. */
export async function tokenSessionIsLive(db: Queryable, token: VerifiedToken): Promise<boolean> {
  const hit = checked.get(token.sessionId);
  if (hit && hit.userId === token.user.id && hit.until > Date.now()) return hit.live;
  const live = await sessionIsLive(db, token.sessionId, token.user.id);
  record(token.sessionId, {
    userId: token.user.id,
    live,
    until: live ? Date.now() + revocationHorizonMs : token.expiresAt,
  });
  return live;
}

// No token outlives its lifetime from now: an "ended" answer need not be remembered longer.
const endedUntil = () => Date.now() + tokenLifetimeSeconds * 1000;

/** This container refuses the session from now on (it was ended in the database). */
export function markSessionEnded(sessionId: string, userId: string): void {
  record(sessionId, { userId, live: false, until: endedUntil() });
}

/** This container refuses every session of the user it knows of. */
export function markUserSessionsEnded(userId: string): void {
  for (const [sessionId, answer] of checked) {
    if (answer.userId === userId) {
      checked.set(sessionId, { userId, live: false, until: endedUntil() });
    }
  }
}
