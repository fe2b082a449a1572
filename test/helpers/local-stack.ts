/**
 * The local stack for one test file, on a fresh database of the real PostgreSQL when TEST_DATABASE_URL is set
 * (the stack migrates it, as `npm start` would), else on its own embedded PGlite, started from the run's
 * migrated snapshot when there is one (test/setup/pglite-snapshots.ts); `close()` stops both.
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/local-stack.js';
import { createTestDatabase, usingRealPostgres } from './db.js';

export interface TestLocalStack extends LocalStack {
  /** Makes the stack's database unreachable (the real server's connections cut, or PGlite paused). */
  databaseGoesAway(): Promise<void>;
  databaseComesBack(): Promise<void>;
}

export async function startTestLocalStack(
  options: Omit<LocalStackOptions, 'port' | 'databaseUrl'>,
): Promise<TestLocalStack> {
  const db = usingRealPostgres ? await createTestDatabase({ migrated: false }) : undefined;
  const snapshot = usingRealPostgres ? null : inject('pgliteSnapshots');
  const stack = await startLocalStack({
    ...options,
    port: 0,
    databaseUrl: db?.ownerUrl,
    ...(snapshot && { embeddedSnapshot: new Blob([readFileSync(snapshot.migrated)]) }),
  });
  return {
    ...stack,
    databaseGoesAway: () => (db ? db.goAway() : stack.embeddedDatabase!.pause()),
    databaseComesBack: () => (db ? db.comeBack() : stack.embeddedDatabase!.resume()),
    async close() {
      await stack.close();
      await db?.close();
    },
  };
}
