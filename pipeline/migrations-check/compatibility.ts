/**
 * The compatibility half of the check: REF, checked out beside HEAD, serves its own API to its own acceptance
 * journey from a fresh database migrated to HEAD's schema by HEAD's migration runner. That is Production
 * after a rollback: old code, the newer schema.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type * as MigrateModule from '../../services/db/migrate.js';
import { CleanupStack } from './cleanup-stack.js';
import { addRefWorktree } from './ref-worktree.js';
import { runRefJourney } from './ref-journey.js';
import { startRefStack } from './ref-stack.js';
import type { ScratchDatabaseFactory } from './scratch-database.js';

export interface CompatibilityInput {
  readonly repoDir: string;
  /** REF's commit and how to name it. */
  readonly commit: string;
  readonly label: string;
  /** Where REF's worktree goes (a temporary folder). */
  readonly worktreeDir: string;
  readonly database: ScratchDatabaseFactory;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** Where what this part must undo is registered (so an interrupted run undoes it too). */
  readonly cleanups?: CleanupStack;
}

export interface CompatibilityVerdict {
  readonly passed: boolean;
  /** Why it failed: one line, then detail lines (the journey's output, REF's logged errors). */
  readonly failure?: { readonly line: string; readonly detail: readonly string[] };
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export async function checkCompatibility(input: CompatibilityInput): Promise<CompatibilityVerdict> {
  const { label, log } = input;
  const cleanups = input.cleanups ?? new CleanupStack();
  const mark = cleanups.mark();
  try {
    const worktree = await addRefWorktree(input.repoDir, input.commit, input.worktreeDir);
    cleanups.push(() => worktree.remove());
    log(`compatibility: ${label} checked out beside HEAD; dependencies: ${worktree.dependencies}`);

    let started = Date.now();
    const database = await input.database();
    cleanups.push(() => database.close());
    try {
      const applied = await migrateToHead(input.repoDir, database.url);
      log(
        `compatibility: fresh ${database.label} migrated to HEAD's schema (${applied} migrations) in ${seconds(started)}`,
      );
    } catch (error) {
      return failed(`HEAD's migrations fail on a fresh database: ${(error as Error).message.split('\n')[0]}`);
    }

    started = Date.now();
    let stack;
    try {
      stack = await startRefStack({
        dir: worktree.dir,
        databaseUrl: database.url,
        poolMax: database.poolMax,
        commit: input.commit,
      });
    } catch (error) {
      return failed(`${label}'s API does not start on HEAD's schema: ${(error as Error).message}`);
    }
    cleanups.push(() => stack.stop());
    log(
      `compatibility: ${label}'s own API serves on HEAD's schema (${label}'s migration runner ran on start) after ${seconds(started)}`,
    );

    started = Date.now();
    const journey = await runRefJourney(worktree.dir, stack.apiUrl);
    if (!journey.passed) {
      const verdict = journey.output.at(-1) ?? 'no output';
      const errors = stack.errors().slice(-5);
      return failed(`${label}'s acceptance journey fails on HEAD's schema: ${verdict}`, [
        ...journey.output.map((line) => `  journey: ${line}`),
        ...errors.map((line) => `  ${label}'s API logged: ${line}`),
      ]);
    }
    log(`compatibility: ${label}'s own acceptance journey passed on HEAD's schema in ${seconds(started)}`);
    return { passed: true };
  } finally {
    await cleanups.unwindTo(mark);
  }
}

function failed(line: string, detail: readonly string[] = []): CompatibilityVerdict {
  return { passed: false, failure: { line, detail } };
}

/** HEAD's own runner (services/db/migrate.ts of the checkout being checked) on one connection. */
async function migrateToHead(repoDir: string, url: string): Promise<number> {
  const { migrate } = (await import(
    pathToFileURL(join(repoDir, 'services/db/migrate.ts')).href
  )) as typeof MigrateModule;
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(pool);
    const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM pgmigrations');
    return Number(rows[0]!.count);
  } finally {
    await pool.end();
  }
}
