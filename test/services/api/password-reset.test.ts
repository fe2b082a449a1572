/**
 * Password reset by e-mail: the same answer whether or not the address has an account, a link that works
 * once and only for 30 minutes, stored only as its hash, ending every session; at most three links an
 * hour per account (the answer stays the same), also under concurrent requests on a real PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESET_REQUESTS_PER_ADDRESS } from '../../../services/api/routers/password-reset.js';
import { resetLinksPerHour } from '../../../services/db/password-reset-tokens.js';
import type { PasswordResetMail, PasswordResetMailer } from '../../../services/api/password-reset-mailer.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { failedFields, failure } from '../../helpers/trpc-failure.js';
import { callerWithToken, signedUpUser, testDependencies } from './caller.js';

let db: TestDatabase;
let sent: PasswordResetMail[] = [];
/** The mailer at the edge: records what it sends (a test makes it fail). */
const recording: PasswordResetMailer = { send: async (mail) => void sent.push(mail) };
let mailer = recording;
const dependencies = testDependencies({ passwordResetMailer: () => Promise.resolve(mailer) });
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
afterEach(async () => {
  await db.pool.query("DELETE FROM sign_in_throttle WHERE key LIKE 'reset-request:%'");
  sent = [];
  vi.restoreAllMocks();
});

const anonymous = () => callerWithToken(db.pool, undefined, undefined, dependencies);

async function requestReset(email: string, language?: 'en' | 'ja') {
  return (await anonymous()).auth.requestPasswordReset({ email, ...(language && { language }) });
}

async function resetWith(token: string, newPassword = 'brand new secret') {
  return (await anonymous()).auth.resetPassword({ token, newPassword });
}

async function meCode(token: string): Promise<string> {
  return (await callerWithToken(db.pool, token)).auth.me().then(
    () => 'OK',
    (error: { code: string }) => error.code,
  );
}

/** The token of the one mail sent to `email` since the last reset of `sent`. */
function tokenSentTo(email: string): string {
  const mails = sent.filter((mail) => mail.to === email);
  expect(mails).toHaveLength(1);
  return mails[0]!.token;
}

describe('auth/requestPasswordReset', () => {
  it('answers {sent: true} for an unknown address, and sends nothing', async () => {
    expect(await requestReset('nobody-here@example.com')).toEqual({ sent: true });
    expect(sent).toEqual([]);
  });

  it('answers the same for an account, and mails it a 32-byte token in the asked language', async () => {
    const user = await signedUpUser(db.pool, 'reset-mail');
    expect(await requestReset(user.email.toUpperCase(), 'ja')).toEqual({ sent: true });
    expect(sent).toEqual([{ to: user.email, token: expect.any(String), language: 'ja' }]);
    expect(Buffer.from(sent[0]!.token, 'base64url')).toHaveLength(32);
  });

  it('stores only the SHA-256 of the token', async () => {
    const user = await signedUpUser(db.pool, 'reset-hash');
    await requestReset(user.email);
    const token = tokenSentTo(user.email);
    const { rows } = await db.pool.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM password_reset_tokens WHERE user_id = $1',
      [user.id],
    );
    expect(rows.map((row) => row.token_hash.toString('hex'))).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it(`sends at most ${resetLinksPerHour} links an hour per account, answering alike`, async () => {
    const user = await signedUpUser(db.pool, 'reset-limit');
    for (let i = 0; i < resetLinksPerHour + 2; i++) {
      expect(await requestReset(user.email)).toEqual({ sent: true });
    }
    expect(sent).toHaveLength(resetLinksPerHour);
    // An hour later the account may be sent links again.
    await db.pool.query(
      `UPDATE password_reset_tokens SET created_at = created_at - interval '61 minutes' WHERE user_id = $1`,
      [user.id],
    );
    await requestReset(user.email);
    expect(sent).toHaveLength(resetLinksPerHour + 1);
  });

  it('holds the limit under concurrent requests (the real PostgreSQL races them)', async () => {
    const user = await signedUpUser(db.pool, 'reset-race');
    const answers = await Promise.all(Array.from({ length: 8 }, () => requestReset(user.email)));
    expect(answers).toEqual(Array.from({ length: 8 }, () => ({ sent: true })));
    expect(sent).toHaveLength(resetLinksPerHour);
    const { rows } = await db.pool.query('SELECT 1 FROM password_reset_tokens WHERE user_id = $1', [user.id]);
    expect(rows).toHaveLength(resetLinksPerHour);
  });

  it('still answers {sent: true} when the mail fails (a failure would tell the account exists)', async () => {
    const user = await signedUpUser(db.pool, 'reset-mail-fails');
    mailer = { send: () => Promise.reject(new Error('SES is down')) };
    try {
      expect(await requestReset(user.email)).toEqual({ sent: true });
    } finally {
      mailer = recording;
    }
  });

  it(`answers 429 past ${RESET_REQUESTS_PER_ADDRESS.attempts} requests an hour from one client address, sending nothing`, async () => {
    const users = await Promise.all([0, 1].map(() => signedUpUser(db.pool, 'reset-sprayed')));
    const from = (address: string) => callerWithToken(db.pool, undefined, address, dependencies);
    const sprayer = await from('203.0.113.9');
    for (let i = 0; i < RESET_REQUESTS_PER_ADDRESS.attempts; i++) {
      await sprayer.auth.requestPasswordReset({ email: `stranger-${i}@example.com` });
    }
    const refused = await failure(sprayer.auth.requestPasswordReset({ email: users[0]!.email }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toBe('Too many reset requests, try again in 60 minutes');
    expect(sent).toEqual([]);
    // Another address is not held back.
    const other = await from('203.0.113.10');
    expect(await other.auth.requestPasswordReset({ email: users[1]!.email })).toEqual({ sent: true });
    expect(sent.map((mail) => mail.to)).toEqual([users[1]!.email]);
  });

  it('refuses a malformed address, naming the field', async () => {
    expect(failedFields(await failure(requestReset('not-an-address')))).toEqual(['email']);
  });
});

describe('auth/resetPassword', () => {
  it('sets the password, ends every session and signs in; the link works once', async () => {
    const user = await signedUpUser(db.pool, 'reset-use');
    const other = await (await anonymous()).auth.signIn({ email: user.email, password: 'correct horse' });
    await requestReset(user.email);
    const token = tokenSentTo(user.email);

    const session = await resetWith(token);
    expect(session.user).toEqual({ id: user.id, email: user.email, name: 'reset-use' });
    expect(await meCode(session.accessToken)).toBe('OK');
    expect(await meCode(user.token)).toBe('UNAUTHORIZED');
    expect(await meCode(other.accessToken)).toBe('UNAUTHORIZED');
    const signIn = (password: string) =>
      anonymous().then((c) => c.auth.signIn({ email: user.email, password }));
    expect((await failure(signIn('correct horse'))).code).toBe('UNAUTHORIZED');
    expect((await signIn('brand new secret')).user.id).toBe(user.id);

    const again = await failure(resetWith(token, 'a third secret'));
    expect(again.code).toBe('BAD_REQUEST');
    expect(again.message).toMatch(/^token: /);
    expect((await signIn('brand new secret')).user.id).toBe(user.id);
  });

  it('spends the account’s other links when one is used', async () => {
    const user = await signedUpUser(db.pool, 'reset-others');
    await requestReset(user.email);
    await requestReset(user.email);
    const [second, first] = [sent[1]!.token, sent[0]!.token];
    await resetWith(first);
    expect((await failure(resetWith(second))).message).toMatch(/^token: /);
  });

  it('spends the account’s links when the password is changed', async () => {
    const user = await signedUpUser(db.pool, 'reset-changed');
    await requestReset(user.email);
    const token = tokenSentTo(user.email);
    await user.caller.auth.changePassword({
      currentPassword: 'correct horse',
      newPassword: 'changed secret',
    });
    expect((await failure(resetWith(token))).message).toMatch(/^token: /);
  });

  it('refuses a link older than 30 minutes', async () => {
    const user = await signedUpUser(db.pool, 'reset-expired');
    await requestReset(user.email);
    const token = tokenSentTo(user.email);
    await db.pool.query(
      `UPDATE password_reset_tokens SET created_at = created_at - interval '30 minutes 1 second'
       WHERE user_id = $1`,
      [user.id],
    );
    const error = await failure(resetWith(token));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^token: /);
    expect(await meCode(user.token)).toBe('OK');
  });

  it('still accepts a link 29 minutes old', async () => {
    const user = await signedUpUser(db.pool, 'reset-fresh');
    await requestReset(user.email);
    await db.pool.query(
      `UPDATE password_reset_tokens SET created_at = created_at - interval '29 minutes' WHERE user_id = $1`,
      [user.id],
    );
    expect((await resetWith(tokenSentTo(user.email))).user.id).toBe(user.id);
  });

  it('refuses an unknown token, and lets only one of two concurrent uses through', async () => {
    expect((await failure(resetWith('made-up-token'))).message).toMatch(/^token: /);
    const user = await signedUpUser(db.pool, 'reset-twice');
    await requestReset(user.email);
    const token = tokenSentTo(user.email);
    const outcomes = await Promise.allSettled([
      resetWith(token, 'first secret'),
      resetWith(token, 'second secret'),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('validates the new password like sign-up, naming the field', async () => {
    expect(failedFields(await failure(resetWith('whatever', 'short')))).toEqual(['newPassword']);
    expect(failedFields(await failure(resetWith('', 'long enough')))).toEqual(['token']);
  });
});
