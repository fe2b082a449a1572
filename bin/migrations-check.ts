#!/usr/bin/env node
// `npm run migrations:check [-- --base REF] [--database server|pglite]`: lint the migrations new since REF and
// run REF's own API and acceptance journey on HEAD's schema (docs/runbook.md, "Changing the schema safely").
// A mistake (wrong option, unknown REF, no database) is one line, exit 1; a refused migration exits 1 too.
import { CleanupStack } from '../pipeline/migrations-check/cleanup-stack.js';
import { MigrationsCheckError } from '../pipeline/migrations-check/migrations-check-error.js';
import { MIGRATIONS_CHECK_HELP, parseMigrationsCheckArgs } from '../pipeline/migrations-check/parse-args.js';
import { runMigrationsCheck } from '../pipeline/migrations-check/run-migrations-check.js';
import {
  DEFAULT_SERVER_URL,
  type ScratchDatabaseFactory,
  serverDatabase,
} from '../pipeline/migrations-check/scratch-database.js';

/** The embedded PostgreSQL of the local stack, in memory, in this process: one session, so pools of 1. */
const pgliteDatabase: ScratchDatabaseFactory = async () => {
  const { startEmbeddedPostgres } = await import('../local/embedded-postgres.js'); // loaded only when used
  const embedded = await startEmbeddedPostgres();
  return { url: embedded.url, label: 'embedded PGlite', poolMax: 1, close: () => embedded.stop() };
};

/** The SSM parameter Production's deployment writes its health URL to (toolchain account, this region). */
async function readParameter(name: string): Promise<string | undefined> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm'); // only the pipeline asks
  try {
    const answer = await new SSMClient({}).send(new GetParameterCommand({ Name: name }));
    return answer.Parameter?.Value;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return undefined;
    throw new MigrationsCheckError(
      `cannot read the SSM parameter ${name}: ${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

// Ctrl-C: stop REF's stack, drop the database, remove REF's worktree, then go.
const cleanups = new CleanupStack();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`migrations check: stopped (${signal}); cleaning up`);
    void cleanups.unwindTo(0).finally(() => process.exit(130));
  });
}

try {
  const args = parseMigrationsCheckArgs(process.argv.slice(2));
  if (args.help) {
    console.log(MIGRATIONS_CHECK_HELP);
  } else {
    const passed = await runMigrationsCheck({
      repoDir: process.cwd(),
      base: args.base,
      env: process.env,
      database:
        args.database === 'pglite'
          ? pgliteDatabase
          : serverDatabase(process.env.MIGRATIONS_CHECK_DATABASE_URL || DEFAULT_SERVER_URL),
      log: (line) => console.log(line),
      resolveBaseDeps: { readParameter },
      cleanups,
    });
    process.exitCode = passed ? 0 : 1;
  }
} catch (error) {
  if (!(error instanceof MigrationsCheckError)) throw error;
  console.error(`migrations check: ${error.message}`);
  process.exitCode = 1;
}
