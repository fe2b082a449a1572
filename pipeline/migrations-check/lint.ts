/**
 * The lint half of the check: each new migration's SQL, as node-pg-migrate would run it, through squawk;
 * findings against the acknowledgements.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MigrationModule } from '../../services/db/migration-list.js';
import type { LintAcknowledgement } from './lint-acknowledgement.js';
import { type LintVerdict, type MigrationFinding, lintVerdict } from './lint-verdict.js';
import { migrationSql } from './migration-sql.js';
import { squawk } from './squawk.js';

export interface LintInput {
  readonly repoDir: string;
  /** Where the SQL files go (squawk reads files). */
  readonly workDir: string;
  /** The migrations to lint, in order. */
  readonly migrations: ReadonlyArray<readonly [name: string, module: MigrationModule]>;
  readonly acknowledgements: readonly LintAcknowledgement[];
  /** Every migration HEAD has (an acknowledgement must name one of them). */
  readonly headMigrations: readonly string[];
}

export async function lintMigrations(input: LintInput): Promise<LintVerdict> {
  const dir = join(input.workDir, 'sql');
  await mkdir(dir, { recursive: true });
  const inTransaction: string[] = [];
  const outside: string[] = [];
  for (const [name, module] of input.migrations) {
    const built = await migrationSql(name, module);
    const file = join(dir, `${name}.sql`);
    await writeFile(file, built.sql);
    (built.inTransaction ? inTransaction : outside).push(file);
  }
  const reported = [
    ...(await squawk(input.repoDir, inTransaction, { inTransaction: true })),
    ...(await squawk(input.repoDir, outside, { inTransaction: false })),
  ];
  const findings: MigrationFinding[] = reported.map((finding) => ({
    migration: basename(finding.file, '.sql'),
    line: finding.line,
    rule: finding.rule,
    explanation: finding.explanation,
  }));
  return lintVerdict(
    findings,
    input.acknowledgements,
    input.migrations.map(([name]) => name),
    input.headMigrations,
  );
}
