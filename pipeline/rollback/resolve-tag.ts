import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RollbackError } from './rollback-error.js';

const run = promisify(execFile);

export interface TaggedCommit {
  readonly tag: string;
  /** Full 40-hex commit id the tag points at (annotated tags are peeled). */
  readonly commit: string;
  /** The commit's subject line and author date, to show the operator what they are about to deploy. */
  readonly subject: string;
  readonly date: string;
}

/** Resolves a git tag (never a branch or a bare commit) in the repository at `cwd` to its commit. */
export async function resolveTag(tag: string, cwd: string): Promise<TaggedCommit> {
  if (!/^[\w][\w.\-/]*$/.test(tag)) throw new RollbackError(`"${tag}" is not a valid tag name`);
  let commit: string;
  try {
    ({ stdout: commit } = await run(
      'git',
      ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`],
      { cwd },
    ));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT')
      throw new RollbackError('git is not installed or not on PATH');
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/not a git repository/i.test(stderr)) throw new RollbackError(`${cwd} is not a git repository`);
    throw new RollbackError(`tag "${tag}" not found (run "git fetch --tags", or list tags with "git tag")`);
  }
  commit = commit.trim();
  const { stdout } = await run('git', ['show', '-s', '--format=%s%n%aI', commit], { cwd });
  const [subject = '', date = ''] = stdout.trim().split('\n');
  return { tag, commit, subject, date };
}
