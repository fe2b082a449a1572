/**
 * The application role: what the API and workflow functions log in as. A NOLOGIN group (`<login>_group`) holds the
 * privileges (read and write the tables' rows, use their sequences; no DDL, no ownership, no CREATE on
 * any schema, nothing on pgmigrations); the login is a member. Multi-user rotation alternates between the
 * login and `<login>_clone` (created by the rotation as a member of the login), so both get the privileges
 * through the group. Run by the deploy-time migration step as the owner, after the migrations, in one
 * transaction; idempotent. Tables later migrations create get the same privileges by default.
 */
import pg from 'pg';
import { migrationTimeouts } from './migrate.js';
import { scramVerifier } from './scram-verifier.js';
import { withTransaction } from './transaction.js';

export interface AppRoleOptions {
  /** The login the functions use now (from its secret: `<login>` or `<login>_clone`). */
  readonly login: { readonly username: string; readonly password: string };
  /**
   * Set the login's password even when it exists (the local stack makes one per start). On AWS the
   * rotation owns the password once the login exists.
   * @default false
   */
  readonly resetPassword?: boolean;
}

const cloneSuffix = '_clone';

/** The login without the rotation's `_clone` suffix. */
export function baseLogin(username: string): string {
  return username.endsWith(cloneSuffix) ? username.slice(0, -cloneSuffix.length) : username;
}

/** The roles of a login: itself, the rotation's clone, and the group holding the privileges. */
export function appRoleNames(username: string): { login: string; clone: string; group: string } {
  const login = baseLogin(username);
  return { login, clone: login + cloneSuffix, group: `${login}_group` };
}

export async function ensureAppRole(pool: pg.Pool, options: AppRoleOptions): Promise<void> {
  const names = appRoleNames(options.login.username);
  const group = pg.escapeIdentifier(names.group);
  const login = options.login.username;
  await withTransaction(pool, async (client) => {
    // Catalog and grant changes wait briefly behind live traffic, like the migrations before them.
    await client.query(`SET LOCAL lock_timeout = ${migrationTimeouts.lockTimeoutMs}`);
    const existing = new Set(
      (
        await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [
          [names.group, names.login, names.clone],
        ])
      ).rows.map((r) => r.rolname),
    );
    if (!existing.has(names.group)) await client.query(`CREATE ROLE ${group} NOLOGIN`);
    const verifier = pg.escapeLiteral(scramVerifier(options.login.password));
    if (!existing.has(login)) {
      await client.query(`CREATE ROLE ${pg.escapeIdentifier(login)} LOGIN PASSWORD ${verifier}`);
      existing.add(login);
    } else if (options.resetPassword) {
      await client.query(`ALTER ROLE ${pg.escapeIdentifier(login)} LOGIN PASSWORD ${verifier}`);
    }
    for (const member of [names.login, names.clone].filter((name) => existing.has(name))) {
      await client.query(`GRANT ${group} TO ${pg.escapeIdentifier(member)}`);
    }

    const { rows } = await client.query<{ database: string }>('SELECT current_database() AS database');
    const database = pg.escapeIdentifier(rows[0]!.database);
    // PostgreSQL 15 already refuses CREATE on public to PUBLIC; a database from an older release may not.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${group}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${group}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${group}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${group}`);
    // Only the migration step reads or writes which migrations ran.
    await client.query(`REVOKE ALL ON TABLE pgmigrations FROM ${group}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${group}`,
    );
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${group}`,
    );
  });
}
