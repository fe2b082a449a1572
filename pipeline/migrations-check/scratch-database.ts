/**
 * The fresh database the compatibility check migrates to HEAD's schema and serves REF's API from: created
 * for one run and dropped after it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appRoleNames } from '../../services/db/app-role.js';
import { MigrationsCheckError } from './migrations-check-error.js';

/** The server the check uses unless MIGRATIONS_CHECK_DATABASE_URL names another (trust auth locally). */
export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  /** Connection string of the fresh database. */
  readonly url: string;
  /** How the log names it (never a password). */
  readonly label: string;
  /** Largest pool its clients may use (an embedded PGlite is one session: 1). */
  readonly poolMax?: number;
  /** Drop it. */
  close(): Promise<void>;
}

export type ScratchDatabaseFactory = () => Promise<ScratchDatabase>;

/** A database created on the PostgreSQL server at `serverUrl` and dropped (forcefully) on close. */
export function serverDatabase(serverUrl: string): ScratchDatabaseFactory {
  return async () => {
    const server = new URL(serverUrl);
    const where = `${server.hostname}:${server.port || 5432}`;
    const name = `gm_migrations_check_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, where, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      label: `database ${name} on ${where}`,
      async close() {
        await adminQuery(serverUrl, where, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        // REF's local stack logs its API in as `<database>_app`, a role of the server, not the database.
        const roles = appRoleNames(`${name}_app`);
        for (const role of [roles.clone, roles.login, roles.group]) {
          await adminQuery(serverUrl, where, `DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
        }
      },
    };
  };
}

async function adminQuery(serverUrl: string, where: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    throw new MigrationsCheckError(
      `PostgreSQL at ${where} refused "${sql.split(' ').slice(0, 2).join(' ')}" (${code ?? message}): start it, ` +
        'set MIGRATIONS_CHECK_DATABASE_URL, or use --database pglite',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
