/** Accounts. E-mail is unique whatever its case (a unique index on lower(email)). */
import type pg from 'pg';
import type { Queryable } from './transaction.js';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export interface UserWithHash extends User {
  readonly passwordHash: string;
  /** Client address of the last successful sign-in (null before the first one). */
  readonly lastSignInAddress: string | null;
}

const uniqueViolation = '23505';
const withHashColumns = `id, email, name, password_hash AS "passwordHash",
  last_sign_in_address AS "lastSignInAddress"`;

/** The new user, or null when the e-mail is already taken. */
export async function insertUser(
  db: Queryable,
  user: { email: string; name: string; passwordHash: string },
): Promise<User | null> {
  try {
    const { rows } = await db.query<User>(
      'INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id, email, name',
      [user.email, user.name, user.passwordHash],
    );
    return rows[0]!;
  } catch (error) {
    if ((error as { code?: string }).code === uniqueViolation) return null;
    throw error;
  }
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserWithHash | null> {
  const { rows } = await db.query<UserWithHash>(
    `SELECT ${withHashColumns} FROM users WHERE lower(email) = lower($1)`,
    [email],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<User>('SELECT id, email, name FROM users WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function findUserWithHashById(db: Queryable, id: string): Promise<UserWithHash | null> {
  const { rows } = await db.query<UserWithHash>(`SELECT ${withHashColumns} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Locks the user's row for the rest of the transaction, so that the user's counted writes (goals at their cap,
 * AI jobs within their limits, reset links within theirs) take turns; false when the user is gone. NO KEY
 * UPDATE: inserts that merely reference the user (a session, a task) take FOR KEY SHARE and are not held up.
 */
export async function lockUser(client: pg.PoolClient, id: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [id]);
  return rowCount === 1;
}

export async function setPasswordHash(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
}

export async function setLastSignInAddress(db: Queryable, id: string, address: string): Promise<void> {
  await db.query('UPDATE users SET last_sign_in_address = $2 WHERE id = $1', [id, address.slice(0, 100)]);
}

/**
 * Deletes the account; by cascade its sessions, goals (with their cells, tasks, reflections) and AI jobs go
 * in the same statement, so in one transaction. False when it was already gone.
 */
export async function deleteUser(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM users WHERE id = $1', [id]);
  return rowCount === 1;
}
