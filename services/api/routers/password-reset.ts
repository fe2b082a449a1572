/**
 * Password reset by e-mail (part of the auth router): a link valid for 30 minutes, usable once, at most
 * three an hour per account. Asking answers `{ sent: true }` in the same time whether or not the address
 * has an account, was limited, or the mail failed: nothing tells who has an account here.
 */
import { TRPCError } from '@trpc/server';
import * as z from 'zod';
import { consumeResetToken, issueResetToken } from '../../db/password-reset-tokens.js';
import { admitAttempt } from '../../db/sign-in-throttle.js';
import { withTransaction } from '../../db/transaction.js';
import { findUserByEmail, findUserById } from '../../db/users.js';
import { logger } from '../../shared/logger.js';
import { answerNoSoonerThan } from '../answer-no-sooner-than.js';
import { email, newPassword } from '../auth/account-inputs.js';
import { hashPassword } from '../auth/password.js';
import { replacePassword } from '../auth/replace-password.js';
import { newResetToken, resetTokenHash } from '../auth/reset-token.js';
import { retryLaterInMinutes } from '../retry-later.js';
import type { Context } from '../context.js';
import { publicProcedure } from '../procedures.js';

/** Every answer to a reset request takes at least this long: above an SES SendEmail call's usual time. */
export const resetRequestAnswerMs = 500;

/**
 * Reset requests one client address may make in a window, whatever the e-mails: each may send a mail (SES
 * bills it), so one client cannot make the service mail a list of strangers. It counts requests, not
 * accounts, so a refusal tells nothing about who has an account.
 */
export const RESET_REQUESTS_PER_ADDRESS = { attempts: 10, windowSeconds: 60 * 60 } as const;

async function admitResetRequest(ctx: Context): Promise<void> {
  const waitSeconds = await admitAttempt(ctx.db, {
    key: `reset-request:${await ctx.clientAddress()}`,
    limit: RESET_REQUESTS_PER_ADDRESS.attempts,
    windowSeconds: RESET_REQUESTS_PER_ADDRESS.windowSeconds,
  });
  if (waitSeconds !== null) throw retryLaterInMinutes('Too many reset requests', waitSeconds);
}

const invalidToken = () =>
  new TRPCError({ code: 'BAD_REQUEST', message: 'token: invalid, used or expired; ask for a new link' });

async function sendResetLink(ctx: Context, to: string, language: 'en' | 'ja'): Promise<void> {
  const user = await findUserByEmail(ctx.db, to);
  if (!user) return;
  const { token, hash } = newResetToken();
  const issued = await withTransaction(ctx.db, (client) => issueResetToken(client, user.id, hash));
  if (!issued) {
    logger.info('password reset limited', { requestId: ctx.requestId });
    return;
  }
  try {
    const mailer = await ctx.passwordResetMailer();
    await mailer.send({ to: user.email, token, language });
  } catch (error) {
    // Answered like a success all the same: a failure only for existing accounts would reveal them.
    logger.error('password reset mail failed', { requestId: ctx.requestId, error: error as Error });
  }
}

export const passwordResetProcedures = {
  requestPasswordReset: publicProcedure
    .input(z.object({ email, language: z.enum(['en', 'ja']).default('en') }))
    .mutation(async ({ ctx, input }) => {
      await admitResetRequest(ctx);
      await answerNoSoonerThan(resetRequestAnswerMs, sendResetLink(ctx, input.email, input.language));
      return { sent: true as const };
    }),

  /** Sets the password, ends every session of the user and signs this browser in. */
  resetPassword: publicProcedure
    .input(
      z.object({
        token: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
        newPassword,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.newPassword);
      const session = await replacePassword(ctx.db, ctx.tokens, passwordHash, async (client) => {
        const userId = await consumeResetToken(client, resetTokenHash(input.token));
        return userId === null ? null : findUserById(client, userId);
      });
      if (!session) throw invalidToken();
      return session;
    }),
};
