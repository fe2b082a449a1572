/**
 * Which migrations are new since REF, and whether HEAD kept REF's history intact: the compatibility
 * check relies on REF's migrations being a prefix of HEAD's, exactly as production's `pgmigrations` table
 * holds them. A migration already applied never changes (the change would reach fresh databases, never
 * production), never disappears, and a new one sorts after every applied one (node-pg-migrate refuses to
 * run a migration that would precede an applied one).
 */
import { posix } from 'node:path';
import { git } from './git.js';

/** Where the migration modules live; their file names (without `.ts`) are the migrations' names. */
export const MIGRATIONS_DIR = 'services/db/migrations';

export interface MigrationHistory {
  /** HEAD's migrations that REF does not have, in HEAD's order. */
  readonly added: readonly string[];
  /** One line per way HEAD rewrote REF's history (empty when it did not). */
  readonly rewritten: readonly string[];
}

export async function migrationHistory(
  repoDir: string,
  refCommit: string,
  headNames: readonly string[],
): Promise<MigrationHistory> {
  const refNames = (await git(repoDir, ['ls-tree', '--name-only', refCommit, `${MIGRATIONS_DIR}/`]))
    .split('\n')
    .filter((path) => path.endsWith('.ts'))
    .map((path) => posix.basename(path, '.ts'));
  const refSet = new Set(refNames);
  const headSet = new Set(headNames);
  const rewritten: string[] = [];

  // The working tree against REF: what this checkout would deploy.
  const changes = (
    await git(repoDir, ['diff', '--name-status', '--no-renames', refCommit, '--', `${MIGRATIONS_DIR}/`])
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t') as [string, string]);
  const gone = new Set<string>();
  for (const [status, path] of changes) {
    const name = posix.basename(path, '.ts');
    if (!refSet.has(name)) continue;
    if (status === 'M') {
      rewritten.push(`${name} was applied by REF and has changed since: an applied migration never changes`);
    } else if (status === 'D') {
      gone.add(name);
      rewritten.push(`${name} was applied by REF and its file is gone`);
    }
  }
  for (const name of refNames) {
    if (!headSet.has(name) && !gone.has(name)) {
      rewritten.push(`${name} was applied by REF and is missing from HEAD's migration list`);
    }
  }

  const added = headNames.filter((name) => !refSet.has(name));
  const lastApplied = refNames.map(timestampOf).reduce((a, b) => (a > b ? a : b), -1n);
  for (const name of added) {
    if (timestampOf(name) <= lastApplied) {
      rewritten.push(
        `${name} sorts before a migration REF already applied: node-pg-migrate would refuse to run it`,
      );
    }
  }
  return { added, rewritten };
}

/** node-pg-migrate orders migrations by the number their name starts with. */
function timestampOf(name: string): bigint {
  const digits = /^\d+/.exec(name)?.[0];
  return digits ? BigInt(digits) : -1n;
}
