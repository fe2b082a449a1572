/** The middlewares of the API's procedures (./procedures.ts): each call observed, the authed ones checked. */
import type pg from 'pg';
import { tokenSessionIsLive } from './auth/session-check.js';
import type { VerifiedToken } from './auth/tokens.js';
import { observe, unauthorized } from './observe.js';
import { middleware } from './trpc.js';

export const observed = middleware(({ ctx, path, type, next }) => observe({ ctx, path, type }, () => next()));

/**
 * Requires a valid access token whose session is live; adds `ctx.user` and `ctx.sessionId`. Observation and
 * the token check are one middleware: each tRPC middleware level copies the call's options twice, on every
 * request. The session check answers synchronously from its cache on most calls (see auth/session-check.ts).
 */
export const observedAndAuthenticated = middleware(({ ctx, path, type, next }) => {
  const { token } = ctx;
  const proceed = (live: VerifiedToken) => next({ ctx: { user: live.user, sessionId: live.sessionId } });
  return observe({ ctx, path, type }, token ? () => whenSessionLive(ctx.db, token, proceed) : null);
});

/** Runs `proceed` if the token's session is live, else refuses: synchronously when the answer is cached. */
function whenSessionLive<R>(db: pg.Pool, token: VerifiedToken, proceed: (token: VerifiedToken) => R): R {
  const live = tokenSessionIsLive(db, token);
  if (live === true) return proceed(token);
  if (live === false) throw unauthorized();
  return live.then((isLive) => {
    if (!isLive) throw unauthorized();
    return proceed(token);
  }) as R;
}
