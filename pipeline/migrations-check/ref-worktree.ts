/**
 * REF checked out beside HEAD (`git worktree add` in a temporary folder), with its dependencies: HEAD's
 * node_modules when REF has the same package-lock.json (a symlink: instant), otherwise `npm ci` of REF's
 * own lock file (minutes; the check says how long it took).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, realpath, rm, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from './git.js';
import { MigrationsCheckError } from './migrations-check-error.js';

export interface RefWorktree {
  readonly dir: string;
  /** How REF got its node_modules, for the log. */
  readonly dependencies: string;
  remove(): Promise<void>;
}

export async function addRefWorktree(repoDir: string, commit: string, dir: string): Promise<RefWorktree> {
  await git(repoDir, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
  const modules = join(dir, 'node_modules');
  const remove = async () => {
    // The link first, so that nothing removing the worktree can reach into HEAD's node_modules.
    await unlink(modules).catch(() => undefined);
    await git(repoDir, ['worktree', 'remove', '--force', dir]).catch(async () => {
      await rm(dir, { recursive: true, force: true });
      await git(repoDir, ['worktree', 'prune']);
    });
  };
  try {
    const headLock = await readFile(join(repoDir, 'package-lock.json'), 'utf8').catch(() => undefined);
    const refLock = await readFile(join(dir, 'package-lock.json'), 'utf8').catch(() => undefined);
    const headModules = join(repoDir, 'node_modules');
    if (headLock !== undefined && headLock === refLock && existsSync(headModules)) {
      await symlink(await realpath(headModules), modules, 'dir');
      return { dir, dependencies: "HEAD's node_modules, linked (same package-lock.json)", remove };
    }
    const started = Date.now();
    await npmCi(dir);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    return {
      dir,
      dependencies: `npm ci of REF's own package-lock.json (it differs from HEAD's): ${seconds} s`,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function npmCi(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['ci', '--no-audit', '--no-fund'],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const last = stderr.trim().split('\n').at(-1) ?? error.message;
        reject(new MigrationsCheckError(`npm ci in REF's worktree failed: ${last}`));
      },
    );
  });
}
