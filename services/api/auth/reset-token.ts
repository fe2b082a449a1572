/** Password reset tokens: 32 random bytes in base64url for the link, only their SHA-256 in the database. */
import { createHash, randomBytes } from 'node:crypto';

export function newResetToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: resetTokenHash(token) };
}

export function resetTokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
