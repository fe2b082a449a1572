/**
 * A git worktree of another ref, for benchmarks that measure it next to HEAD in one run. Kept under the
 * system temp directory by commit, so a second run reuses it (and its installed node_modules).
 * node_modules: a symlink to this checkout's when both lock files are the same, else `npm ci` there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The commit a ref names, or one clear line and exit 1. */
export function commitOf(bench: string, ref: string): string {
  const found = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (found.status !== 0) {
    console.error(`${bench}: --ref ${ref} is not a commit of this repository`);
    process.exit(1);
  }
  return found.stdout.trim();
}

/** A checkout of `commit` with its dependencies installed; returns its directory. */
export function refWorktree(commit: string): string {
  const dir = join(tmpdir(), `goal-mandala-bench-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    spawnSync('git', ['worktree', 'prune'], { cwd: repoRoot });
    execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, commit], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    const sameLock =
      readFileSync(join(dir, 'package-lock.json'), 'utf8') ===
      readFileSync(join(repoRoot, 'package-lock.json'), 'utf8');
    if (sameLock) symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    else {
      console.error(`installing ${commit.slice(0, 12)}'s dependencies (npm ci; its lock file differs)…`);
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  }
  return dir;
}
