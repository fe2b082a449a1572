/**
 * The application role the functions log in as reads and writes rows and nothing more: no DDL (it owns
 * nothing and may not create in public), no TRUNCATE, not the migrations' bookkeeping, no role or database
 * attributes; tables a later migration creates are granted by default; the rotation's `<login>_clone`
 * (a member of the login, as multi-user rotation creates it) gets the same and no more. Real PostgreSQL:
 * on PGlite the tests' one session is the owner.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoleNames, ensureAppRole } from '../../../services/db/app-role.js';
import { migrate } from '../../../services/db/migrate.js';
import { migrationList, type MigrationModule } from '../../../services/db/migration-list.js';
import { insertUser } from '../../../services/db/users.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

let db: TestDatabase;
let login: { username: string; password: string };

beforeAll(async () => {
  db = await createTestDatabase();
  const url = new URL(db.url);
  login = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
});
afterAll(async () => {
  await db?.close();
});

async function sqlState(pool: pg.Pool | pg.Client, sql: string): Promise<string | null> {
  return pool.query(sql).then(
    () => null,
    (error: { code?: string }) => error.code ?? 'no code',
  );
}

const insufficientPrivilege = '42501';

describe('the application role', () => {
  it('reads and writes rows', async () => {
    const user = await insertUser(db.pool, { email: 'role@example.com', name: 'R', passwordHash: 'x' });
    expect(user?.email).toBe('role@example.com');
    const { rows } = await db.pool.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]!.user).toBe(login.username);
  });

  it.each([
    ['DROP TABLE', 'DROP TABLE goals'],
    ['CREATE TABLE', 'CREATE TABLE intruder (id int)'],
    ['ALTER TABLE', 'ALTER TABLE goals ADD COLUMN intruder int'],
    ['CREATE INDEX', 'CREATE INDEX intruder_idx ON goals (title)'],
    ['TRUNCATE', 'TRUNCATE sessions'],
    ['reading pgmigrations', 'SELECT * FROM pgmigrations'],
    ['writing pgmigrations', "DELETE FROM pgmigrations WHERE name = 'x'"],
    ['CREATE SCHEMA', 'CREATE SCHEMA intruder'],
    ['CREATE ROLE', 'CREATE ROLE intruder'],
  ])('is refused %s', async (_, sql) => {
    expect(await sqlState(db.pool, sql)).toBe(insufficientPrivilege);
  });

  it('owns nothing and has no role attributes', async () => {
    const { rows } = await db.ownerPool.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned
       FROM pg_roles r WHERE rolname = $1`,
      [login.username],
    );
    expect(rows).toEqual([
      { rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, owned: 0 },
    ]);
  });

  it('gets the tables a later migration creates, and still no DDL on them', async () => {
    const later: MigrationModule = { up: (pgm) => pgm.sql('CREATE TABLE later_table (id int PRIMARY KEY)') };
    await migrate(db.ownerPool, { migrations: [...migrationList, ['1899999999200_later-table', later]] });
    await db.pool.query('INSERT INTO later_table VALUES (1)');
    expect((await db.pool.query('SELECT id FROM later_table')).rows).toEqual([{ id: 1 }]);
    expect(await sqlState(db.pool, 'DROP TABLE later_table')).toBe(insufficientPrivilege);
  });

  it('gives the rotation clone the same rows and the same refusals', async () => {
    const { clone } = appRoleNames(login.username);
    const password = 'clone-password-for-test';
    await db.ownerPool.query(
      `CREATE ROLE ${pg.escapeIdentifier(clone)} WITH LOGIN PASSWORD ${pg.escapeLiteral(password)}`,
    );
    await db.ownerPool.query(`GRANT ${pg.escapeIdentifier(login.username)} TO ${pg.escapeIdentifier(clone)}`);
    // The deploy-time step run again with the clone as the secret's current user changes nothing it needs.
    await ensureAppRole(db.ownerPool, { login: { username: clone, password } });
    const url = new URL(db.url);
    url.username = clone;
    url.password = password;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 1 }]);
      expect(await sqlState(client, 'DROP TABLE goals')).toBe(insufficientPrivilege);
      expect(await sqlState(client, 'CREATE TABLE intruder (id int)')).toBe(insufficientPrivilege);
    } finally {
      await client.end();
    }
  });
});
