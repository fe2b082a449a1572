/**
 * The two kinds of API procedure: `publicProcedure` (anyone; observed) and `authedProcedure` (a valid access
 * token whose session is live; adds `ctx.user` and `ctx.sessionId`, see ./context.ts).
 */
import { authenticated, observed } from './middlewares.js';
import { procedure } from './trpc.js';

export const publicProcedure = procedure.use(observed);

export const authedProcedure = publicProcedure.use(authenticated);
