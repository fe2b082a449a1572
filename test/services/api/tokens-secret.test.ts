/** Access tokens signed with the key from Secrets Manager (JWT_SECRET_ARN): a rotated key retires old tokens. */
import { afterAll, beforeEach, expect, it, vi } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../../services/api/auth/tokens.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';

const secret = vi.hoisted(() => ({ value: 'first signing key, long enough for HS256 use' }));
vi.mock('../../../services/shared/secrets.js', () => ({
  getSecretString: vi.fn(async () => secret.value),
  forgetSecrets: vi.fn(),
}));

const user = { id: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', email: 'secret@example.com' };
const sessionId = '0b7d7c1e-2f3a-4b5c-9d6e-7f8091a2b3c4';

beforeEach(() => {
  process.env.JWT_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:jwt';
  resetRuntimeEnv();
});
afterAll(() => {
  delete process.env.JWT_SECRET_ARN;
  resetRuntimeEnv();
});

it('verifies tokens signed with the secret, again and again', async () => {
  const token = await signAccessToken(user, sessionId);
  expect((await verifyAccessToken(token))?.user).toEqual(user);
  expect((await verifyAccessToken(token))?.user).toEqual(user);
});

it('stops accepting a verified token once the secret holds another key', async () => {
  const token = await signAccessToken(user, sessionId);
  expect((await verifyAccessToken(token))?.user).toEqual(user);
  secret.value = 'second signing key, after a rotation of the secret';
  expect(await verifyAccessToken(token)).toBeNull();
  expect((await verifyAccessToken(await signAccessToken(user, sessionId)))?.user).toEqual(user);
});
