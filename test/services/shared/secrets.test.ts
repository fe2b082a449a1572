/**
 * Secrets by ARN: read once and cached for five minutes (a call per request would cost latency and money),
 * read again after that so a rotated value is picked up, never cached when the read failed.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { forgetSecrets, getSecretString } from '../../../services/shared/secrets.js';

const secrets = mockClient(SecretsManagerClient);
const arn = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:key-AbCdEf';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  secrets.reset();
  forgetSecrets();
});
afterEach(() => {
  vi.useRealTimers();
});

it('reads a secret once while it is fresh', async () => {
  secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretString: 'first' });
  expect(await getSecretString(arn)).toBe('first');
  vi.advanceTimersByTime(4 * 60_000);
  expect(await getSecretString(arn)).toBe('first');
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
});

it('picks up a rotated value once the cached one is five minutes old', async () => {
  secrets
    .on(GetSecretValueCommand, { SecretId: arn })
    .resolvesOnce({ SecretString: 'first' })
    .resolves({ SecretString: 'rotated' });
  expect(await getSecretString(arn)).toBe('first');
  vi.advanceTimersByTime(5 * 60_000 + 1);
  expect(await getSecretString(arn)).toBe('rotated');
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
});

it('reads again at once after forgetSecrets (the database refused a rotated password)', async () => {
  secrets
    .on(GetSecretValueCommand, { SecretId: arn })
    .resolvesOnce({ SecretString: 'first' })
    .resolves({ SecretString: 'rotated' });
  expect(await getSecretString(arn)).toBe('first');
  forgetSecrets();
  expect(await getSecretString(arn)).toBe('rotated');
});

it('does not cache a failed read', async () => {
  secrets
    .on(GetSecretValueCommand, { SecretId: arn })
    .rejectsOnce(new Error('Secrets Manager unreachable'))
    .resolves({ SecretString: 'after the outage' });
  await expect(getSecretString(arn)).rejects.toThrow(/Secrets Manager unreachable/);
  expect(await getSecretString(arn)).toBe('after the outage');
});

it('refuses a binary secret', async () => {
  secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({ SecretBinary: new Uint8Array([1, 2]) });
  await expect(getSecretString(arn)).rejects.toThrow(`secret ${arn} has no string value`);
});
