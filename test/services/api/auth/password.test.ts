/**
 * Password hashes: scrypt at full cost (N = 2^15, r = 8, p = 1) unless PASSWORD_HASH_COST=minimum, which
 * `npm test` sets and which a Lambda function ignores; either kind of hash verifies.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../services/api/auth/password.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const parameters = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('hashPassword', () => {
  it('hashes at full cost when nothing says otherwise', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', undefined);
    expect(parameters(await hashPassword('correct horse'))).toBe('scrypt$32768$8$1');
  });

  it('hashes at scrypt N = 2^10 with PASSWORD_HASH_COST=minimum off Lambda', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', 'minimum');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    expect(parameters(await hashPassword('correct horse'))).toBe('scrypt$1024$8$1');
  });

  it('hashes at full cost on Lambda, even with PASSWORD_HASH_COST=minimum', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', 'minimum');
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'Staging-Api-AuthFunction');
    expect(parameters(await hashPassword('correct horse'))).toBe('scrypt$32768$8$1');
  });

  it('hashes at full cost for any other value', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', 'low');
    expect(parameters(await hashPassword('correct horse'))).toBe('scrypt$32768$8$1');
  });
});

describe('verifyPassword', () => {
  it('accepts the password and refuses another, for a hash of either cost', async () => {
    vi.stubEnv('PASSWORD_HASH_COST', undefined);
    const full = await hashPassword('correct horse');
    vi.stubEnv('PASSWORD_HASH_COST', 'minimum');
    const minimum = await hashPassword('correct horse');
    for (const hash of [full, minimum]) {
      expect(await verifyPassword('correct horse', hash)).toBe(true);
      expect(await verifyPassword('correct horse!', hash)).toBe(false);
    }
  });

  it('refuses what is not a scrypt hash', async () => {
    expect(await verifyPassword('x', 'bcrypt$10$abc')).toBe(false);
  });
});
