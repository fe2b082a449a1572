/**
 * squawk (the `squawk-cli` package, pinned; its binary comes from the registry as an optional dependency)
 * run through the package's own bin, with the repository's `.squawk.toml` (PostgreSQL version, rules off
 * with their reasons, each file assumed to run in a transaction).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MigrationsCheckError } from './migrations-check-error.js';

/** The repository's squawk settings, at its root so editors and `npx squawk` read the same ones. */
export const SQUAWK_CONFIG = '.squawk.toml';

export interface SquawkFinding {
  /** The file as squawk was given it. */
  readonly file: string;
  /** 1-based line of the statement in that file. */
  readonly line: number;
  /** squawk's rule name, e.g. `require-concurrent-index-creation`. */
  readonly rule: string;
  /** squawk's explanation: its message, then its help when it has one. */
  readonly explanation: string;
}

function squawkBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('squawk-cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin.squawk!);
}

/** Lints `files`; `inTransaction: false` tells squawk the runner does not wrap them in a transaction. */
export async function squawk(
  repoDir: string,
  files: readonly string[],
  options: { readonly inTransaction: boolean },
): Promise<SquawkFinding[]> {
  if (files.length === 0) return [];
  const args = [
    squawkBin(),
    '--config',
    join(repoDir, SQUAWK_CONFIG),
    '--reporter',
    'json',
    ...(options.inTransaction ? [] : ['--no-assume-in-transaction']),
    ...files,
  ];
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    // squawk exits 1 when it finds something: its JSON answer tells findings from failures.
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    );
  });
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new MigrationsCheckError(
      `squawk did not run: ${(stderr || stdout).trim().split('\n')[0] || 'no answer'}`,
    );
  }
  if (!Array.isArray(report))
    throw new MigrationsCheckError('squawk gave an answer that is not a list of findings');
  return report.map(
    (entry: { file: string; line: number; rule_name: string; message: string; help: string | null }) => ({
      file: entry.file,
      line: entry.line + 1,
      rule: entry.rule_name,
      explanation: entry.help ? `${entry.message} ${entry.help}` : entry.message,
    }),
  );
}
