import type { LintAcknowledgement } from './lint-acknowledgement.js';

/** A squawk finding in one migration. */
export interface MigrationFinding {
  readonly migration: string;
  readonly line: number;
  readonly rule: string;
  readonly explanation: string;
}

export interface LintVerdict {
  readonly passed: boolean;
  /** One line per finding that fails the check, naming the migration and the rule with squawk's explanation. */
  readonly failures: readonly string[];
  /** One line per finding acknowledged, with its reason. */
  readonly acknowledged: readonly string[];
}

/** squawk's page for a rule: what it guards against and the safe way to do it. */
export const ruleDocs = (rule: string) => `https://squawkhq.com/docs/${rule}`;

/**
 * Findings against acknowledgements. An acknowledgement must name a migration HEAD has; one for a linted
 * migration must still match a finding (a stale one would silently cover the next mistake).
 */
export function lintVerdict(
  findings: readonly MigrationFinding[],
  acknowledgements: readonly LintAcknowledgement[],
  linted: readonly string[],
  headMigrations: readonly string[],
): LintVerdict {
  const failures: string[] = [];
  const acknowledged: string[] = [];
  const find = (migration: string, rule: string) =>
    acknowledgements.find((ack) => ack.migration === migration && ack.rule === rule);
  for (const finding of findings) {
    const ack = find(finding.migration, finding.rule);
    const where = `${finding.migration}: ${finding.rule} (line ${finding.line})`;
    if (ack) acknowledged.push(`${where} acknowledged: ${ack.reason}`);
    else failures.push(`${where}: ${finding.explanation} ${ruleDocs(finding.rule)}`);
  }
  for (const ack of acknowledgements) {
    if (!headMigrations.includes(ack.migration)) {
      failures.push(
        `acknowledgement of ${ack.rule} names ${ack.migration}, which is not in services/db/migration-list.ts`,
      );
    } else if (
      linted.includes(ack.migration) &&
      !findings.some((f) => f.migration === ack.migration && f.rule === ack.rule)
    ) {
      failures.push(`acknowledgement of ${ack.rule} in ${ack.migration} matches no finding: remove it`);
    }
  }
  return { passed: failures.length === 0, failures, acknowledged };
}
