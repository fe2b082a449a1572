/**
 * A SCRAM-SHA-256 verifier (RFC 5802 / 7677, PostgreSQL's `rolpassword` format) for a password, so the
 * statement that sets a role's password never carries the password itself (a failed statement is logged
 * with its text). PostgreSQL stores a verifier given in this form as is. Generated passwords are ASCII,
 * which SASLprep leaves unchanged, so none is applied.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

const iterations = 4096; // PostgreSQL's default scram_iterations

export function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (b: Buffer) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}
