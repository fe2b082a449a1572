/** Access tokens: round trip, and the verified-token cache never outlives a token or a key. */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';
import {
  setLocalSigningKey,
  signAccessToken,
  tokenLifetimeSeconds,
  verifyAccessToken,
} from '../../../services/api/auth/tokens.js';

const user = { id: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', email: 'token@example.com' };

afterEach(() => {
  vi.useRealTimers();
});

it('verifies its own tokens, again and again', async () => {
  setLocalSigningKey(randomBytes(32));
  const token = await signAccessToken(user);
  expect(await verifyAccessToken(token)).toEqual(user);
  expect(await verifyAccessToken(token)).toEqual(user);
});

it('stops accepting a verified token once it expires', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setLocalSigningKey(randomBytes(32));
  const token = await signAccessToken(user);
  expect(await verifyAccessToken(token)).toEqual(user);
  vi.setSystemTime(Date.now() + (tokenLifetimeSeconds + 1) * 1000);
  expect(await verifyAccessToken(token)).toBeNull();
});

it('stops accepting tokens of a replaced key', async () => {
  setLocalSigningKey(randomBytes(32));
  const token = await signAccessToken(user);
  expect(await verifyAccessToken(token)).toEqual(user);
  setLocalSigningKey(randomBytes(32));
  expect(await verifyAccessToken(token)).toBeNull();
});
