import { z } from 'zod';
import { MigrationsCheckError } from './migrations-check-error.js';

/** A reason a reviewer can check, like the compliance and audit acknowledgements. */
export const MIN_LINT_REASON_LENGTH = 20;

const lintAcknowledgement = z.object({
  migration: z
    .string()
    .regex(
      /^\d+_[\w-]+$/,
      "must be a migration's name (its file name without .ts, e.g. 1796180000000_tasks-title)",
    ),
  rule: z.string().regex(/^[a-z]+(-[a-z0-9]+)*$/, 'must be a squawk rule name (e.g. ban-drop-column)'),
  reason: z
    .string()
    .trim()
    .min(MIN_LINT_REASON_LENGTH, `must say why in ${MIN_LINT_REASON_LENGTH} characters or more`),
});

/**
 * One squawk finding the team accepts in one migration: it no longer fails `npm run migrations:check`.
 * It covers that rule in that migration only; a rule that cannot apply to our runner at all is switched off
 * in `.squawk.toml` instead, with its reason.
 */
export interface LintAcknowledgement {
  /** The migration's name: its file name in services/db/migrations without `.ts`. */
  readonly migration: string;
  /** The squawk rule the finding names, e.g. `ban-drop-column`. */
  readonly rule: string;
  /** Why it is safe here (table size, release order…): specific enough to check (20 characters or more). */
  readonly reason: string;
}

/** Validates acknowledgements, naming the entry and field of the first mistake. */
export function parseLintAcknowledgements(
  entries: readonly LintAcknowledgement[],
): readonly LintAcknowledgement[] {
  return entries.map((entry, index) => {
    const parsed = lintAcknowledgement.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new MigrationsCheckError(
      `lint acknowledgement ${index} (${entry.migration ?? '?'}): ${issue.path.join('.')} ${issue.message}`,
    );
  });
}
