/**
 * Temporary directories for tests, each removed when the test that made it ends; one made outside a test
 * (in a beforeAll, or while a file is collected) is removed when that file's tests have run
 * (test/setup/remove-temp-dirs.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

const madeOutsideTests: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    // not inside a test: vitest refuses the hook
    madeOutsideTests.push(dir);
  }
  return dir;
}

/** Removes the directories made outside a test so far. */
export function removeTempDirsMadeOutsideTests(): void {
  for (const dir of madeOutsideTests.splice(0)) rmSync(dir, { recursive: true, force: true });
}
