/**
 * Accounts and sessions: sign-up, sign-in, the current user, sign-out, password change and account deletion
 * (password reset by e-mail: ./password-reset.ts).
 * Only this router has public procedures. Every access token names a session (a database row); ending
 * sessions deletes rows and tells this container's session check at once (auth/session-check.ts).
 */
import { TRPCError } from '@trpc/server';
import * as z from 'zod';
import { exportUserData } from '../../db/export-data.js';
import { endSession } from '../../db/sessions.js';
import { withTransaction, type Queryable } from '../../db/transaction.js';
import {
  deleteUser,
  findUserByEmail,
  findUserById,
  findUserWithHashById,
  insertUser,
  setLastSignInAddress,
  type UserWithHash,
} from '../../db/users.js';
import { email, givenPassword, newPassword } from '../auth/account-inputs.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.js';
import { replacePassword } from '../auth/replace-password.js';
import { markSessionEnded, markUserSessionsEnded } from '../auth/session-check.js';
import { admitSignIn, signInSucceeded } from '../auth/sign-in-throttle.js';
import { startSession } from '../auth/start-session.js';
import { text } from '../inputs.js';
import { orNotFound } from '../not-found.js';
import { authedProcedure, publicProcedure } from '../procedures.js';
import { router } from '../trpc.js';
import { passwordResetProcedures } from './password-reset.js';

/** The signed-in user's account with its hash, after checking `password` (401 naming `field` if wrong). */
async function confirmPassword(
  db: Queryable,
  userId: string,
  password: string,
  field: string,
): Promise<UserWithHash> {
  const user = await findUserWithHashById(db, userId);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user) throw sessionGone();
  if (!valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: `${field}: wrong password` });
  return user;
}

const sessionGone = () =>
  new TRPCError({ code: 'UNAUTHORIZED', message: 'A valid access token is required' });

export const authRouter = router({
  ...passwordResetProcedures,

  signUp: publicProcedure
    .input(
      z.object({
        email,
        password: newPassword,
        name: text({ min: 1, max: 100 }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const session = await withTransaction(ctx.db, async (client) => {
        const user = await insertUser(client, { email: input.email, name: input.name, passwordHash });
        return user && startSession(client, ctx.tokens, user);
      });
      if (!session) throw new TRPCError({ code: 'CONFLICT', message: 'email: already registered' });
      return session;
    }),

  signIn: publicProcedure
    .input(z.object({ email, password: givenPassword }))
    .mutation(async ({ ctx, input }) => {
      const user = await findUserByEmail(ctx.db, input.email);
      const address = await ctx.clientAddress();
      const attempt = {
        email: input.email,
        address,
        lastGoodAddress: user?.lastSignInAddress ?? null,
      };
      // Over a limit this answers 429 before any hash is computed: a throttled guess costs no scrypt.
      await admitSignIn(ctx.db, attempt);
      // Unknown e-mail and wrong password look and take the same: no account enumeration.
      const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong e-mail or password' });
      await signInSucceeded(ctx.db, attempt);
      await setLastSignInAddress(ctx.db, user.id, address);
      return startSession(ctx.db, ctx.tokens, user);
    }),

  me: authedProcedure.query(async ({ ctx }) => orNotFound(await findUserById(ctx.db, ctx.user.id), 'user')),

  /** Ends this token's session only; the user's other sessions stay. */
  signOut: authedProcedure.input(z.object({}).optional()).mutation(async ({ ctx }) => {
    await endSession(ctx.db, ctx.sessionId, ctx.user.id);
    markSessionEnded(ctx.sessionId, ctx.user.id);
    return { signedOut: true as const };
  }),

  /** A new password ends every session, this one included, and starts a new one. */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: givenPassword, newPassword }))
    .mutation(async ({ ctx, input }) => {
      const user = await confirmPassword(ctx.db, ctx.user.id, input.currentPassword, 'currentPassword');
      const passwordHash = await hashPassword(input.newPassword);
      const session = await replacePassword(ctx.db, ctx.tokens, passwordHash, async () => user);
      if (!session) throw sessionGone();
      return session;
    }),

  /** "Download my data": the account's goals, cells, tasks, completions and reflections (capped in size). */
  exportData: authedProcedure.query(async ({ ctx }) =>
    orNotFound(await exportUserData(ctx.db, ctx.user.id), 'user'),
  ),

  /** The account and everything of it (goals, tasks, reflections, AI jobs, sessions), in one statement. */
  deleteAccount: authedProcedure
    .input(z.object({ password: givenPassword }))
    .mutation(async ({ ctx, input }) => {
      const user = await confirmPassword(ctx.db, ctx.user.id, input.password, 'password');
      await deleteUser(ctx.db, user.id);
      markUserSessionsEnded(user.id);
      return { deleted: true as const };
    }),
});
