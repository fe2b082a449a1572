/** Calls the API routers in-process through `createCaller`, as a given user (or anonymously). */
import type pg from 'pg';
import { appRouter } from '../../../services/api/app-router.js';
import { createCallerFactory, createContextInner } from '../../../services/api/trpc.js';
import { logger } from '../../../services/shared/logger.js';

// One JSON line per call would bury test output; the logging test turns it back on.
logger.setLogLevel('SILENT');

const createCaller = createCallerFactory(appRouter);

export type Caller = ReturnType<typeof createCaller>;

export async function callerWithToken(db: pg.Pool, token?: string, clientAddress?: string): Promise<Caller> {
  return createCaller(
    await createContextInner({
      db,
      authorization: token ? `Bearer ${token}` : null,
      clientAddress: clientAddress === undefined ? undefined : () => Promise.resolve(clientAddress),
    }),
  );
}

let counter = 0;

/** Signs a new user up and returns a caller acting as them. */
export async function signedUpUser(
  db: pg.Pool,
  name = 'user',
): Promise<{ caller: Caller; id: string; token: string; email: string }> {
  const email = `${name}-${process.pid}-${++counter}-${Date.now()}@example.com`;
  const anonymous = await callerWithToken(db);
  const { accessToken, user } = await anonymous.auth.signUp({ email, password: 'correct horse', name });
  return { caller: await callerWithToken(db, accessToken), id: user.id, token: accessToken, email };
}
