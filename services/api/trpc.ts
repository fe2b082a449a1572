/**
 * tRPC, initialised once for every API router: the context type (./context.ts) and the error shape
 * (./error-formatter.ts). Procedures are in ./procedures.ts, their middlewares in ./middlewares.ts.
 *
 * Errors: throw TRPCError with a one-line message. Database connection failures become 503
 * SERVICE_UNAVAILABLE; a cap reached (CapReached from services/db/limits.ts) becomes 409 CONFLICT naming
 * the cap, with `data.cap: {name, max}`; an edit from a stale version (StaleEdit from services/db/stale-edit.ts)
 * becomes 409 CONFLICT with `data.current: {title, updatedAt}`; any other unexpected error becomes a 500 whose
 * message and stack never reach the client. Invalid input answers 400 with "<field>: <problem>" messages.
 */
import { initTRPC } from '@trpc/server';
import type { Context } from './context.js';
import { errorFormatter } from './error-formatter.js';

const t = initTRPC.context<Context>().create({ errorFormatter });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const procedure = t.procedure;
