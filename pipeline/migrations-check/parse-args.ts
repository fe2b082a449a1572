import { parseArgs } from 'node:util';
import { MigrationsCheckError } from './migrations-check-error.js';

export const MIGRATIONS_CHECK_USAGE =
  'usage: npm run migrations:check -- [--base <tag|commit|production>] [--database server|pglite]';

export const MIGRATIONS_CHECK_HELP = `${MIGRATIONS_CHECK_USAGE}

Lints every migration that is new since the base release with squawk (.squawk.toml; acknowledgements in
pipeline/migrations-check/lint-acknowledgements.ts), then runs the base release's own API and acceptance
journey against a fresh database migrated to this checkout's schema.

  --base REF       the release to compare with: a tag or commit, or "production" (the commit Production's
                   /api/health answers; the pipeline's Build). Default: the newest v* tag that is an
                   ancestor of HEAD, the release \`npm run rollback\` would redeploy. No such tag: nothing
                   to compare, exit 0.
  --database KIND  server (default): a database created and dropped on the PostgreSQL at
                   MIGRATIONS_CHECK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
                   pglite: an embedded PostgreSQL in this process (the pipeline's Build).
  --help           this text.

Environment for --base production: PRODUCTION_HEALTH_URL (Production's /api/health), or
PRODUCTION_HEALTH_URL_PARAMETER (the SSM parameter holding it, written after each production deployment).`;

export type DatabaseKind = 'server' | 'pglite';

export type MigrationsCheckArgs =
  | { readonly help: true }
  | {
      readonly help: false;
      /** A tag, a commit or `production`; @default - the newest v* tag that is an ancestor of HEAD */
      readonly base?: string;
      readonly database: DatabaseKind;
    };

/** Parses the command line; a mistake gives one line with the usage. */
export function parseMigrationsCheckArgs(argv: readonly string[]): MigrationsCheckArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: 'string' },
        database: { type: 'string', default: 'server' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new MigrationsCheckError(`${(error as Error).message.split('\n')[0]}; ${MIGRATIONS_CHECK_USAGE}`);
  }
  if (values.help) return { help: true };
  const { base, database } = values;
  if (base !== undefined && !/^[\w][\w.\-/^~]*$/.test(base)) {
    throw new MigrationsCheckError(
      `--base must be a tag, a commit or "production", not "${base}"; ${MIGRATIONS_CHECK_USAGE}`,
    );
  }
  if (database !== 'server' && database !== 'pglite') {
    throw new MigrationsCheckError(
      `--database must be "server" or "pglite", not "${database}"; ${MIGRATIONS_CHECK_USAGE}`,
    );
  }
  return { help: false, base, database };
}
