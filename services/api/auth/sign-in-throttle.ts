/**
 * What slows password guessing: sign-in attempts counted per client address and per account (known or
 * not, so the answer never tells which e-mails exist), refused with 429 and Retry-After over a limit, before
 * any password hash is computed. The account-wide limit spares the account's last good sign-in address, so an
 * attacker elsewhere cannot lock the real user out; a success clears the account's count.
 */
import {
  admitAttempt,
  clearAttempts,
  pruneAttempts,
  releaseAttempt,
  type ThrottleRule,
} from '../../db/sign-in-throttle.js';
import type { Queryable } from '../../db/transaction.js';
import { retryLaterInMinutes } from '../retry-later.js';

/** Attempts one client address may make in a window, over every account: a guesser spraying accounts. */
export const ADDRESS_LIMIT = { attempts: 20, windowSeconds: 15 * 60 } as const;
/** Attempts on one account in a window, from anywhere but its last good address: a guesser of one password. */
export const ACCOUNT_LIMIT = { attempts: 10, windowSeconds: 15 * 60 } as const;

export interface SignInAttempt {
  /** The e-mail as given (lowercased by the input schema). */
  readonly email: string;
  /** The client's address (services/api/client-address.ts). */
  readonly address: string;
  /** The account's last successful sign-in address, null for none or no such account. */
  readonly lastGoodAddress: string | null;
}

const addressRule = (attempt: SignInAttempt): ThrottleRule => ({
  key: `address:${attempt.address}`,
  limit: ADDRESS_LIMIT.attempts,
  windowSeconds: ADDRESS_LIMIT.windowSeconds,
});

const accountRule = (attempt: SignInAttempt): ThrottleRule => ({
  key: `account:${attempt.email.toLowerCase()}`,
  limit: ACCOUNT_LIMIT.attempts,
  windowSeconds: ACCOUNT_LIMIT.windowSeconds,
});

const appliesToAccount = (attempt: SignInAttempt) => attempt.lastGoodAddress !== attempt.address;

/**
 * Takes the attempt's place under every limit that applies, or throws 429 (RetryLaterError) giving back any
 * place it took. Call before checking the password; a wrong password keeps the places (they are the failures
 * counted), a right one calls `signInSucceeded`.
 */
export async function admitSignIn(db: Queryable, attempt: SignInAttempt): Promise<void> {
  const address = addressRule(attempt);
  let waitSeconds = await admitAttempt(db, address);
  if (waitSeconds === null && appliesToAccount(attempt)) {
    waitSeconds = await admitAttempt(db, accountRule(attempt));
    if (waitSeconds !== null) await releaseAttempt(db, address.key);
  }
  if (waitSeconds !== null) throw retryLaterInMinutes('Too many failed sign-ins', waitSeconds);
}

/**
 * A checked password was right: the account's failures are forgotten and the address gets its place back.
 * Counts whose window ended long ago are swept here too (real users succeed; guessers never do).
 */
export async function signInSucceeded(db: Queryable, attempt: SignInAttempt): Promise<void> {
  await releaseAttempt(db, addressRule(attempt).key);
  await clearAttempts(db, accountRule(attempt).key);
  await pruneAttempts(db);
}
