/** Inputs of the account procedures (auth router, password reset). */
import * as z from 'zod';

export const email = z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address').max(254));

/** A password being set (sign-up, change, reset): long enough and not only spaces. */
export const newPassword = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(200, 'must be at most 200 characters')
  .refine((password) => password.trim() !== '', 'must not be only spaces');

/** A password being checked: any string a user could have set. */
export const givenPassword = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
