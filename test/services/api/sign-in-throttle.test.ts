/**
 * Password guessing is slowed through the auth Lambda as API Gateway calls it: failed sign-ins counted per
 * account and per client address in the database, 429 with Retry-After over a limit before any password is
 * checked, the real user's last good address spared by the account-wide limit, the address taken from
 * CloudFront's own header (believed only with CloudFront's origin-verify secret) rather than a forgeable
 * X-Forwarded-For. Password checks are counted at the
 * password module, so "no hash for a throttled guess" and "never more checks than the limit" are measured.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '../../../services/api/auth/sign-in-throttle.js';
import { ORIGIN_VERIFY_HEADER } from '../../../services/api/origin-verify.js';
import { handler as authHandler } from '../../../services/api/handlers/auth.js';
import { PRUNE_AFTER_SECONDS } from '../../../services/db/sign-in-throttle.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { logger } from '../../../services/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { apiEvent, lambdaContext } from './events.js';

const checks = vi.hoisted(() => ({ count: 0 }));
/** The origin-verify secret as Secrets Manager would answer it; what CloudFront sends as X-Origin-Verify. */
const originVerify = vi.hoisted(() => {
  const arn = 'arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:Staging-Api/OriginVerify-AbCdEf';
  // The function's environment as Lambda gives it, before its handler module builds its dependencies.
  process.env.ORIGIN_VERIFY_SECRET_ARN = arn;
  return { arn, value: 'originVerifyTestValue0123456789abcdefABCDEF' };
});
vi.mock('../../../services/shared/secrets.js', () => ({
  getSecretString: async (arn: string) => {
    if (arn !== originVerify.arn) throw new Error(`no secret ${arn} in this test`);
    return originVerify.value;
  },
  forgetSecrets: () => {},
}));
vi.mock('../../../services/api/auth/password.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../services/api/auth/password.js')>();
  return {
    ...actual,
    verifyPassword: (...args: Parameters<typeof actual.verifyPassword>) => {
      checks.count++;
      return actual.verifyPassword(...args);
    },
  };
});

let db: TestDatabase;
beforeAll(async () => {
  logger.setLogLevel('SILENT');
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = String(db.real ? 10 : 1);
  resetRuntimeEnv();
});
afterAll(async () => {
  delete process.env.ORIGIN_VERIFY_SECRET_ARN;
  await closePool();
  await db?.close();
});
beforeEach(async () => {
  checks.count = 0;
  await db.pool.query('DELETE FROM sign_in_throttle');
});

const password = 'correct horse';
let counter = 0;
const uniqueEmail = (name: string) => `${name}-${++counter}-${Date.now()}@example.com`;
/** A distinct documentation address (198.18.0.0/15, benchmarking range) per call. */
const freshAddress = () => `198.18.${Math.floor(++counter / 250) % 250}.${(counter % 250) + 1}`;

async function call(
  procedure: string,
  body: unknown,
  from: { viewer?: string; headers?: Record<string, string> },
) {
  // A viewer address is sent as CloudFront sends it: with its origin-verify header.
  const headers = {
    ...from.headers,
    ...(from.viewer && {
      'CloudFront-Viewer-Address': `${from.viewer}:44321`,
      [ORIGIN_VERIFY_HEADER]: originVerify.value,
    }),
  };
  const result = (await authHandler(
    apiEvent({ service: 'auth', procedure, body: JSON.stringify(body), headers, sourceIp: '130.176.0.7' }),
    lambdaContext,
  )) as APIGatewayProxyResult;
  const retryAfter = Object.entries(result.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'retry-after',
  );
  return { status: result.statusCode, body: JSON.parse(result.body), retryAfter: retryAfter?.[1] };
}

const signIn = (email: string, pw: string, viewer?: string, headers?: Record<string, string>) =>
  call('signIn', { email, password: pw }, { viewer, headers });

async function signUp(name: string): Promise<string> {
  const email = uniqueEmail(name);
  const res = await call('signUp', { email, password, name }, { viewer: freshAddress() });
  expect(res.status).toBe(200);
  return email;
}

/** `n` wrong sign-ins on `email`, each from its own address unless `viewer` is given; their statuses. */
async function wrongSignIns(n: number, email: (i: number) => string, viewer?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push((await signIn(email(i), 'wrong guess', viewer ?? freshAddress())).status);
  return statuses;
}

describe('failed sign-ins per account', () => {
  it.each([
    ['a known account', true],
    ['an unknown e-mail (the same answers: no enumeration)', false],
  ])(
    'the 11th failure on %s answers 429 with Retry-After and a message, checking no password',
    async (_, known) => {
      const email = known ? await signUp('guessed') : uniqueEmail('nobody');
      expect(await wrongSignIns(ACCOUNT_LIMIT.attempts, () => email)).toEqual(Array(10).fill(401));
      expect(checks.count).toBe(10);

      const throttled = await signIn(email, 'wrong guess', freshAddress());
      expect(throttled.status).toBe(429);
      expect(Number(throttled.retryAfter)).toBeGreaterThan(ACCOUNT_LIMIT.windowSeconds - 30);
      expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(ACCOUNT_LIMIT.windowSeconds);
      expect(throttled.body.error.message).toBe('Too many failed sign-ins, try again in 15 minutes');
      expect(throttled.body.error.data).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        httpStatus: 429,
        retryAfterSeconds: Number(throttled.retryAfter),
      });
      // Refused before the hash: the right password from elsewhere is not even checked.
      expect((await signIn(email, password, freshAddress())).status).toBe(429);
      expect(checks.count).toBe(10);
    },
  );

  it('lets the real user in from their last good address while the account is throttled; that success resets it', async () => {
    const email = await signUp('victim');
    const home = freshAddress();
    expect((await signIn(email, password, home)).status).toBe(200); // home becomes the last good address
    await wrongSignIns(ACCOUNT_LIMIT.attempts, () => email);
    expect((await signIn(email, password, freshAddress())).status).toBe(429); // throttled from elsewhere

    expect((await signIn(email, password, home)).status).toBe(200);
    // The success cleared the account's count: another address may sign in again at once.
    const elsewhere = freshAddress();
    expect((await signIn(email, password, elsewhere)).status).toBe(200);
    const row = await db.pool.query('SELECT 1 FROM sign_in_throttle WHERE key = $1', [`account:${email}`]);
    expect(row.rowCount).toBe(0);
  });

  it('counts the e-mail whatever its case', async () => {
    const email = await signUp('cased');
    await wrongSignIns(ACCOUNT_LIMIT.attempts, (i) => (i % 2 ? email.toUpperCase() : email));
    expect((await signIn(email.toUpperCase(), password, freshAddress())).status).toBe(429);
  });

  it('starts afresh once the window is over', async () => {
    const email = await signUp('patient');
    await wrongSignIns(ACCOUNT_LIMIT.attempts, () => email);
    expect((await signIn(email, password, freshAddress())).status).toBe(429);
    // Age the window past its end rather than wait 15 minutes.
    await db.pool.query(
      `UPDATE sign_in_throttle SET window_started_at = now() - make_interval(secs => $1 + 1)`,
      [ACCOUNT_LIMIT.windowSeconds],
    );
    expect((await signIn(email, 'wrong guess', freshAddress())).status).toBe(401);
    expect((await signIn(email, password, freshAddress())).status).toBe(200);
  });
  it('sweeps counts whose window started over a day ago when someone signs in', async () => {
    await wrongSignIns(3, () => uniqueEmail('stale'));
    await db.pool.query(
      `UPDATE sign_in_throttle SET window_started_at = now() - make_interval(secs => $1 + 1)`,
      [PRUNE_AFTER_SECONDS],
    );
    const email = await signUp('sweeper');
    const home = freshAddress();
    expect((await signIn(email, password, home)).status).toBe(200);
    const left = await db.pool.query('SELECT key, failures FROM sign_in_throttle');
    expect(left.rows).toEqual([{ key: `address:${home}`, failures: 0 }]); // its place given back
  });
});

describe('failed sign-ins per client address', () => {
  it('the 21st failure from one address over many accounts answers 429; other addresses are unaffected', async () => {
    const sprayer = freshAddress();
    const statuses = await wrongSignIns(ADDRESS_LIMIT.attempts, () => uniqueEmail('sprayed'), sprayer);
    expect(statuses).toEqual(Array(20).fill(401));
    const email = await signUp('bystander');
    const throttled = await signIn(email, password, sprayer);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(ADDRESS_LIMIT.windowSeconds - 30);
    expect(checks.count).toBe(20);
    expect((await signIn(email, password, freshAddress())).status).toBe(200);
  });

  it('does not let a forged X-Forwarded-For first entry pass for a new address', async () => {
    const attacker = freshAddress();
    for (let i = 0; i < ADDRESS_LIMIT.attempts; i++) {
      // CloudFront appends the real viewer to what the viewer sent; API Gateway appends CloudFront's edge.
      const xff = `${freshAddress()}, ${attacker}, 130.176.0.7`;
      const res = await signIn(uniqueEmail('forged'), 'wrong guess', attacker, { 'X-Forwarded-For': xff });
      expect(res.status).toBe(401);
    }
    const xff = `${freshAddress()}, ${attacker}, 130.176.0.7`;
    const res = await signIn(uniqueEmail('forged'), 'wrong guess', attacker, { 'X-Forwarded-For': xff });
    expect(res.status).toBe(429);
  });

  it('falls back to API Gateway’s source address without the CloudFront header, never to X-Forwarded-For', async () => {
    for (let i = 0; i < ADDRESS_LIMIT.attempts; i++) {
      await signIn(uniqueEmail('direct'), 'wrong guess', undefined, { 'X-Forwarded-For': freshAddress() });
    }
    const res = await signIn(uniqueEmail('direct'), 'wrong guess', undefined, {
      'X-Forwarded-For': freshAddress(),
    });
    expect(res.status).toBe(429);
    const row = await db.pool.query('SELECT failures FROM sign_in_throttle WHERE key = $1', [
      'address:130.176.0.7',
    ]);
    expect(row.rows).toEqual([{ failures: ADDRESS_LIMIT.attempts }]);
  });

  it('counts a caller of API Gateway’s own URL by its source address, whatever CloudFront-Viewer-Address it forges', async () => {
    const forged = (viewer: string, guess?: string) => ({
      'CloudFront-Viewer-Address': `${viewer}:44321`,
      ...(guess !== undefined && { [ORIGIN_VERIFY_HEADER]: guess }),
    });
    // No header, a wrong value, the right one with a character more, an empty one.
    const guesses = [undefined, 'a-guessed-value', `${originVerify.value}x`, ''];
    for (let i = 0; i < ADDRESS_LIMIT.attempts; i++) {
      const headers = forged(freshAddress(), guesses[i % guesses.length]);
      expect((await signIn(uniqueEmail('bypass'), 'wrong guess', undefined, headers)).status).toBe(401);
    }
    const res = await signIn(uniqueEmail('bypass'), 'wrong guess', undefined, forged(freshAddress()));
    expect(res.status).toBe(429);
    const row = await db.pool.query('SELECT failures FROM sign_in_throttle WHERE key = $1', [
      'address:130.176.0.7',
    ]);
    expect(row.rows).toEqual([{ failures: ADDRESS_LIMIT.attempts }]);
  });
});

describe('concurrent guesses', () => {
  // On PostgreSQL these really overlap (PGlite serializes them): the count is taken before each check.
  it('check no more passwords than the account limit, however many race', async () => {
    const email = await signUp('raced');
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => signIn(email, 'wrong guess', freshAddress()).then((r) => r.status)),
    );
    expect(checks.count).toBe(ACCOUNT_LIMIT.attempts);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_LIMIT.attempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - ACCOUNT_LIMIT.attempts);
  });

  it('check no more passwords than the address limit, however many race', async () => {
    const sprayer = freshAddress();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () =>
        signIn(uniqueEmail('raced-spray'), 'wrong guess', sprayer).then((r) => r.status),
      ),
    );
    expect(checks.count).toBe(ADDRESS_LIMIT.attempts);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ADDRESS_LIMIT.attempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - ADDRESS_LIMIT.attempts);
  });
});
