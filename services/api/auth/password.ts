/**
 * Password hashing with scrypt (memory-hard, in node:crypto). Stored as
 * `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` so parameters can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^15 with r = 8 uses 32 MiB and ~100 ms per hash: costly to brute-force, cheap enough for a 512 MB Lambda.
const fullCost = { N: 2 ** 15, r: 8, p: 1 } as const;
// ~1 ms per hash. For test runs only, as Rails' `min_cost` and Django's test hashers: `npm test` signs up
// hundreds of users and would spend a tenth of its time hashing (vitest.config.ts sets it).
const minimumCost = { N: 2 ** 10, r: 8, p: 1 } as const;
const keyLength = 32;

/**
 * The parameters new hashes get: full cost, unless PASSWORD_HASH_COST=minimum outside Lambda. A deployed
 * function always hashes at full cost whatever its environment says. A hash keeps its parameters, so
 * verifying works either way.
 */
function hashCost(): { readonly N: number; readonly r: number; readonly p: number } {
  const minimum = process.env.PASSWORD_HASH_COST === 'minimum' && !process.env.AWS_LAMBDA_FUNCTION_NAME;
  return minimum ? minimumCost : fullCost;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  const maxmem = 256 * options.N! * options.r! + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const cost = hashCost();
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** A real hash of nothing, checked when the e-mail is unknown so both failures take the same time. */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(12).toString('hex'));
  return dummy;
}
