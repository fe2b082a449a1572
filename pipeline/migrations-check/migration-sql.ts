/**
 * The SQL a migration runs, built the way node-pg-migrate builds it, without a database: its `up` is
 * called on node-pg-migrate's own MigrationBuilder (a public export) and the statements it collected are
 * read back. Our runner passes no type shorthands and does not decamelize, so neither is done here.
 */
import { MigrationBuilder } from 'node-pg-migrate';
import type { MigrationModule } from '../../services/db/migration-list.js';
import { MigrationsCheckError } from './migrations-check-error.js';

export interface MigrationSql {
  readonly name: string;
  /** The statements, in order, as the runner sends them. */
  readonly sql: string;
  /** False when the migration asked to run outside a transaction (`pgm.noTransaction()`). */
  readonly inTransaction: boolean;
}

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export async function migrationSql(name: string, migration: MigrationModule): Promise<MigrationSql> {
  // A migration that reads the database while it builds its statements cannot be linted offline.
  const offline = async (): Promise<never> => {
    throw new MigrationsCheckError(
      `${name} queries the database (pgm.db) while building its SQL: the lint cannot build it offline`,
    );
  };
  const pgm = new MigrationBuilder({ query: offline, select: offline }, undefined, false, silent);
  await migration.up(pgm);
  return { name, sql: `${pgm.getSqlSteps().join('\n')}\n`, inTransaction: pgm.isUsingTransaction() };
}
