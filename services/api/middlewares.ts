/** The middlewares of the API's procedures (./procedures.ts): each call observed, the authed ones checked. */
import { TRPCError } from '@trpc/server';
import { tokenSessionIsLive } from './auth/session-check.js';
import { observe } from './observe.js';
import { middleware } from './trpc.js';

export const observed = middleware(({ ctx, path, type, next }) => observe({ ctx, path, type }, () => next()));

/**
 * Requires a valid access token whose session is live; adds `ctx.user` and `ctx.sessionId`. Runs inside
 * `observed`, so a refusal is logged and counted like any failure.
 */
export const authenticated = middleware(async ({ ctx, next }) => {
  const { token } = ctx;
  if (!token || !(await tokenSessionIsLive(ctx.db, token))) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid access token is required' });
  }
  return next({ ctx: { user: token.user, sessionId: token.sessionId } });
});
