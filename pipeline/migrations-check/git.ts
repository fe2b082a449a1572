import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MigrationsCheckError } from './migrations-check-error.js';

const run = promisify(execFile);

/** Runs git in `cwd` and returns its output; git's own refusal becomes one line. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new MigrationsCheckError('git is not installed or not on PATH');
    }
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new MigrationsCheckError(
      `git ${args[0]} failed: ${stderr.split('\n')[0] || (error as Error).message}`,
    );
  }
}

/** The commit `ref` names here, or undefined when it names none. */
export async function commitOf(cwd: string, ref: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
    return stdout.trim() || undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new MigrationsCheckError('git is not installed or not on PATH');
    }
    return undefined;
  }
}
