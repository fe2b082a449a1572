/**
 * The Lambda entries' signing key: the secret JWT_SECRET_ARN names (a rotated key retires old tokens); on
 * Lambda without it the cold start fails with one line; off Lambda one random key per process.
 */
import { expect, it, vi } from 'vitest';
import { signingKeyFromEnv } from '../../../services/api/auth/signing-key.js';
import { accessTokens } from '../../../services/api/auth/tokens.js';

const secret = vi.hoisted(() => ({
  arn: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:jwt',
  value: 'first signing key, long enough for HS256 use',
}));
vi.mock('../../../services/shared/secrets.js', () => ({
  getSecretString: vi.fn(async (arn: string) => {
    if (arn !== secret.arn) throw new Error(`no secret ${arn} in this test`);
    return secret.value;
  }),
  forgetSecrets: vi.fn(),
}));

const user = { id: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5', email: 'secret@example.com' };
const sessionId = '0b7d7c1e-2f3a-4b5c-9d6e-7f8091a2b3c4';
const onLambda = { AWS_LAMBDA_FUNCTION_NAME: 'Staging-Api-AuthFunction', JWT_SECRET_ARN: secret.arn };

it('verifies tokens signed with the secret, again and again', async () => {
  const tokens = accessTokens(signingKeyFromEnv(onLambda));
  const token = await tokens.sign(user, sessionId);
  expect((await tokens.verify(token))?.user).toEqual(user);
  expect((await tokens.verify(token))?.user).toEqual(user);
});

it('stops accepting a verified token once the secret holds another key', async () => {
  const tokens = accessTokens(signingKeyFromEnv(onLambda));
  const token = await tokens.sign(user, sessionId);
  expect((await tokens.verify(token))?.user).toEqual(user);
  secret.value = 'second signing key, after a rotation of the secret';
  expect(await tokens.verify(token)).toBeNull();
  expect((await tokens.verify(await tokens.sign(user, sessionId)))?.user).toEqual(user);
});

it('fails a cold start on Lambda without JWT_SECRET_ARN, in one line naming the variable', () => {
  let thrown: unknown;
  try {
    signingKeyFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'Staging-Api-GoalFunction' });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).message).toMatch(/^environment variable JWT_SECRET_ARN: required on Lambda/);
  expect((thrown as Error).message).not.toContain('\n');
});

it('off Lambda (local stack, tests) signs with one random key shared by the whole process', async () => {
  const signer = accessTokens(signingKeyFromEnv({}));
  const checker = accessTokens(signingKeyFromEnv({}));
  const token = await signer.sign(user, sessionId);
  expect((await checker.verify(token))?.user).toEqual(user);
});
