/** Access tokens: round trip, and the verified-token cache never outlives a token or a key. */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, expect, it, vi } from 'vitest';
import {
  accessTokens,
  tokenAudience,
  tokenIssuer,
  tokenLifetimeSeconds,
} from '../../../services/api/auth/tokens.js';

const user = { id: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', email: 'token@example.com' };
const sessionId = '0b7d7c1e-2f3a-4b5c-9d6e-7f8091a2b3c4';

afterEach(() => {
  vi.useRealTimers();
});

it('verifies its own tokens, again and again', async () => {
  const key = randomBytes(32);
  const tokens = accessTokens(() => key);
  const token = await tokens.sign(user, sessionId);
  expect((await tokens.verify(token))?.user).toEqual(user);
  expect((await tokens.verify(token))?.user).toEqual(user);
});

it('stops accepting a verified token once it expires', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const key = randomBytes(32);
  const tokens = accessTokens(() => key);
  const token = await tokens.sign(user, sessionId);
  expect((await tokens.verify(token))?.user).toEqual(user);
  vi.setSystemTime(Date.now() + (tokenLifetimeSeconds + 1) * 1000);
  expect(await tokens.verify(token)).toBeNull();
});

it('stops accepting tokens of a replaced key', async () => {
  let key = randomBytes(32);
  const tokens = accessTokens(() => key);
  const token = await tokens.sign(user, sessionId);
  expect((await tokens.verify(token))?.user).toEqual(user);
  key = randomBytes(32);
  expect(await tokens.verify(token)).toBeNull();
});

it('refuses a token signed with another key', async () => {
  const ours = randomBytes(32);
  const theirs = randomBytes(32);
  const token = await accessTokens(() => theirs).sign(user, sessionId);
  expect(await accessTokens(() => ours).verify(token)).toBeNull();
});

it('refuses a token of ours without a session (issued before sessions could end)', async () => {
  const key = randomBytes(32);
  const tokens = accessTokens(() => key);
  const sessionless = await new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
  expect(await tokens.verify(sessionless)).toBeNull();
  expect(await tokens.verify(await tokens.sign(user, sessionId))).toMatchObject({ sessionId, user });
});
