/**
 * A scratch clone of this repository for the migrations check: its HEAD commit tagged as the release to
 * compare with, node_modules shared, and a way to add one migration (file, list entry, acknowledgements) as a
 * new commit, as a developer would.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintAcknowledgement } from '../../../pipeline/migrations-check/lint-acknowledgement.js';
import { tempDir } from '../../helpers/temp-dir.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The tag the scratch clone's starting commit gets: the newest v* tag, so the check's default REF. */
export const RELEASE_TAG = 'v999.0.0';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** Clones this repository's HEAD commit (what is committed: REF must be a real commit) and tags it. */
export function scratchClone(): string {
  const dir = tempDir('gm-scratch-clone-');
  const head = git(repoRoot, 'rev-parse', 'HEAD').trim();
  git(dir, 'clone', '--quiet', '--no-checkout', repoRoot, '.');
  git(dir, 'checkout', '--quiet', '--detach', head);
  git(dir, 'tag', RELEASE_TAG);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface NewMigration {
  /** `<unix-ms>_<kebab-name>` */
  readonly name: string;
  /** The body of its `up(pgm)`. */
  readonly up: string;
  readonly acknowledgements?: readonly LintAcknowledgement[];
}

/** Back to the tagged release, then one commit adding the migration. */
export function commitMigration(dir: string, migration: NewMigration): void {
  git(dir, 'reset', '--quiet', '--hard', RELEASE_TAG);
  git(dir, 'clean', '--quiet', '-fd', '--exclude=node_modules');
  writeFileSync(
    join(dir, 'services/db/migrations', `${migration.name}.ts`),
    `import type { MigrationBuilder } from 'node-pg-migrate';\n\nexport function up(pgm: MigrationBuilder): void {\n  ${migration.up}\n}\n`,
  );
  const listFile = join(dir, 'services/db/migration-list.ts');
  const list = readFileSync(listFile, 'utf8');
  const lastImport = list.lastIndexOf('import * as ');
  const afterLastImport = list.indexOf('\n', lastImport) + 1;
  const withImport = `${list.slice(0, afterLastImport)}import * as scratchMigration from './migrations/${migration.name}.js';\n${list.slice(afterLastImport)}`;
  const end = withImport.lastIndexOf('];');
  writeFileSync(
    listFile,
    `${withImport.slice(0, end)}  ['${migration.name}', scratchMigration],\n${withImport.slice(end)}`,
  );
  if (migration.acknowledgements) {
    writeFileSync(
      join(dir, 'pipeline/migrations-check/lint-acknowledgements.ts'),
      `import type { LintAcknowledgement } from './lint-acknowledgement.js';\n\nexport const LINT_ACKNOWLEDGEMENTS: readonly LintAcknowledgement[] = ${JSON.stringify(migration.acknowledgements, null, 2)};\n`,
    );
  }
  git(dir, 'add', '-A', '--', 'services', 'pipeline');
  git(dir, 'commit', '--quiet', '-m', `add ${migration.name}`);
}

export interface CheckRun {
  readonly code: number | null;
  readonly output: string;
}

/** This checkout's `bin/migrations-check.ts` run in `dir`, as `npm run migrations:check` would there. */
export function runCheck(
  dir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CheckRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'bin/migrations-check.ts'), ...args],
      {
        cwd: dir,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
