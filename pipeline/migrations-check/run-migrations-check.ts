/**
 * `npm run migrations:check`: may this checkout's migrations ship, given the release a rollback would bring
 * back (REF)? Two halves, both run, each failure named:
 * - lint: every migration new since REF through squawk (locks that queue requests, drops and renames…);
 * - compatibility: REF's own API and acceptance journey on a database migrated to HEAD's schema.
 * The code runs from this checkout; HEAD's data (migrations, acknowledgements, squawk settings) is read from
 * `repoDir`, the checkout being checked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as MigrationListModule from '../../services/db/migration-list.js';
import { CleanupStack } from './cleanup-stack.js';
import { checkCompatibility } from './compatibility.js';
import type * as AcknowledgementsModule from './lint-acknowledgements.js';
import { parseLintAcknowledgements } from './lint-acknowledgement.js';
import { lintMigrations } from './lint.js';
import { migrationHistory } from './migration-history.js';
import { type ResolveBaseDeps, resolveBase } from './resolve-base.js';
import type { ScratchDatabaseFactory } from './scratch-database.js';

export interface MigrationsCheckOptions {
  /** The checkout being checked (HEAD: its working tree). */
  readonly repoDir: string;
  /** `--base`; @default - the newest v* tag that is an ancestor of HEAD */
  readonly base?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly database: ScratchDatabaseFactory;
  /** Every line of the report, in order. */
  readonly log: (line: string) => void;
  readonly resolveBaseDeps?: ResolveBaseDeps;
  /** Where the run registers what it must undo; the caller unwinds it on Ctrl-C. */
  readonly cleanups?: CleanupStack;
}

/** Runs the check and reports it through `log`; true when it passed (or there was nothing to compare). */
export async function runMigrationsCheck(options: MigrationsCheckOptions): Promise<boolean> {
  const { repoDir, log } = options;
  const started = Date.now();
  const base = await resolveBase(repoDir, options.base, options.env, options.resolveBaseDeps);
  if (base.kind === 'none') {
    log(`migrations check: nothing to compare: ${base.reason}`);
    return true;
  }
  if (base.note) log(`migrations check: ${base.note}`);
  const { label, commit } = base;

  const { migrationList, acknowledgements } = await headData(repoDir);
  const headNames = migrationList.map(([name]) => name);
  const history = await migrationHistory(repoDir, commit, headNames);
  const added = migrationList.filter(([name]) => history.added.includes(name));
  log(
    `migrations check: comparing with ${label} (${commit.slice(0, 12)}); ` +
      (added.length ? `new since then: ${history.added.join(', ')}` : 'no migration is new since then'),
  );

  const problems: string[] = [];
  for (const line of history.rewritten) {
    log(`history FAIL ${line}`);
    problems.push('history');
  }

  const cleanups = options.cleanups ?? new CleanupStack();
  const mark = cleanups.mark();
  const workDir = await mkdtemp(join(tmpdir(), 'gm-migrations-check-'));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));
  try {
    const lint = await lintMigrations({
      repoDir,
      workDir,
      migrations: added,
      acknowledgements,
      headMigrations: headNames,
    });
    for (const line of lint.acknowledged) log(`lint: ${line}`);
    for (const line of lint.failures) log(`lint FAIL ${line}`);
    if (!lint.passed) problems.push('lint');
    else log(`lint: ${added.length} migration(s) through squawk (.squawk.toml), nothing unacknowledged`);

    if (added.length === 0 && history.rewritten.length === 0) {
      log(`compatibility: HEAD's schema is ${label}'s own, nothing to compare`);
    } else {
      const compatibility = await checkCompatibility({
        repoDir,
        commit,
        label,
        worktreeDir: join(workDir, 'ref'),
        database: options.database,
        log,
        cleanups,
      });
      if (!compatibility.passed) {
        log(`compatibility FAIL ${compatibility.failure!.line}`);
        for (const line of compatibility.failure!.detail) log(line);
        problems.push('compatibility');
      }
    }
  } finally {
    await cleanups.unwindTo(mark);
  }

  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (problems.length === 0) {
    log(`migrations check: ok against ${label} in ${took}`);
    return true;
  }
  const between = history.added.length ? history.added.join(', ') : 'none (see above)';
  log(
    `migrations check FAILED (${[...new Set(problems)].join(', ')}) in ${took}; migrations between ${label} and HEAD: ${between}`,
  );
  return false;
}

/** HEAD's migrations and lint acknowledgements, from the checkout being checked. */
async function headData(repoDir: string) {
  const load = (path: string) => import(pathToFileURL(join(repoDir, path)).href);
  const { migrationList } = (await load('services/db/migration-list.ts')) as typeof MigrationListModule;
  const { LINT_ACKNOWLEDGEMENTS } = (await load(
    'pipeline/migrations-check/lint-acknowledgements.ts',
  )) as typeof AcknowledgementsModule;
  return { migrationList, acknowledgements: parseLintAcknowledgements(LINT_ACKNOWLEDGEMENTS) };
}
