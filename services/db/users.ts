/** Accounts. E-mail is unique whatever its case (a unique index on lower(email)). */
import type { Queryable } from './transaction.js';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export interface UserWithHash extends User {
  readonly passwordHash: string;
}

const uniqueViolation = '23505';

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
    'SELECT id, email, name, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<User>('SELECT id, email, name FROM users WHERE id = $1', [id]);
  return rows[0] ?? null;
}
