/** Sign-up, sign-in and the current user. Only this router has public procedures. */
import { TRPCError } from '@trpc/server';
import * as z from 'zod';
import { findUserByEmail, findUserById, insertUser, type User } from '../../db/users.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.js';
import { signAccessToken } from '../auth/tokens.js';
import { orNotFound } from '../not-found.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

const email = z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address').max(254));

async function session(user: User): Promise<{ accessToken: string; user: User }> {
  return {
    accessToken: await signAccessToken(user),
    user: { id: user.id, email: user.email, name: user.name },
  };
}

export const authRouter = router({
  signUp: publicProcedure
    .input(
      z.object({
        email,
        password: z
          .string()
          .min(8, 'must be at least 8 characters')
          .max(200, 'must be at most 200 characters'),
        name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = await insertUser(ctx.db, {
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
      });
      if (!user) throw new TRPCError({ code: 'CONFLICT', message: 'email: already registered' });
      return session(user);
    }),

  signIn: publicProcedure
    .input(z.object({ email, password: z.string().min(1, 'must not be empty').max(200) }))
    .mutation(async ({ ctx, input }) => {
      const user = await findUserByEmail(ctx.db, input.email);
      // Unknown e-mail and wrong password look and take the same: no account enumeration.
      const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
      if (!user || !valid) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong e-mail or password' });
      return session(user);
    }),

  me: authedProcedure.query(async ({ ctx }) => orNotFound(await findUserById(ctx.db, ctx.user.id), 'user')),
});
