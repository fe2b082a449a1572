/** Calls the API routers in-process through `createCaller`, as a given user (or anonymously). */
import type pg from 'pg';
import { appRouter } from '../../../services/api/app-router.js';
import { signingKeyFromEnv } from '../../../services/api/auth/signing-key.js';
import { accessTokens } from '../../../services/api/auth/tokens.js';
import { createContextInner, type ApiDependencies } from '../../../services/api/context.js';
import { createCallerFactory } from '../../../services/api/trpc.js';
import { logger } from '../../../services/shared/logger.js';

// One JSON line per call would bury test output; the logging test turns it back on.
logger.setLogLevel('SILENT');

const createCaller = createCallerFactory(appRouter);

export type Caller = ReturnType<typeof createCaller>;

/** What a caller's context is built with: everything but the pool, which each test file brings. */
export type CallerDependencies = Omit<ApiDependencies, 'db' | 'originVerifySecretArn'>;

/**
 * The process's development key (auth/signing-key.ts off Lambda): what the handler modules sign with in
 * tests too, so a caller's token works through a handler. Tests forge tokens with it, or with another.
 */
const processKey = signingKeyFromEnv({});
export const testSigningKey = processKey() as Uint8Array;

/** Dependencies of a test: the test key; no mailer or workflow unless the test hands one in. */
export function testDependencies(parts: Partial<CallerDependencies> = {}): CallerDependencies {
  return {
    tokens: accessTokens(processKey),
    passwordResetMailer: () => Promise.reject(new Error('no password reset mailer in this test')),
    workflowStarter: () => {
      throw new Error('no workflow starter in this test');
    },
    ...parts,
  };
}

const defaultDependencies = testDependencies();

export async function callerWithToken(
  db: pg.Pool,
  token?: string,
  clientAddress?: string,
  dependencies: CallerDependencies = defaultDependencies,
): Promise<Caller> {
  return createCaller(
    await createContextInner({
      db,
      dependencies,
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
  dependencies: CallerDependencies = defaultDependencies,
): Promise<{ caller: Caller; id: string; token: string; email: string }> {
  const email = `${name}-${process.pid}-${++counter}-${Date.now()}@example.com`;
  const anonymous = await callerWithToken(db, undefined, undefined, dependencies);
  const { accessToken, user } = await anonymous.auth.signUp({ email, password: 'correct horse', name });
  return {
    caller: await callerWithToken(db, accessToken, undefined, dependencies),
    id: user.id,
    token: accessToken,
    email,
  };
}
