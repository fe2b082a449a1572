import { z } from 'zod';

/** Acknowledgements need a reason a reviewer can check, like the compliance acknowledgements. */
export const MIN_AUDIT_REASON_LENGTH = 20;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((text) => {
    // Date rolls 2027-02-30 over into March: a real calendar date reads back unchanged.
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'is not a calendar date');

const auditAcknowledgement = z.object({
  advisory: z.string().regex(/^GHSA(-[0-9a-z]{4}){3}$/, 'must be a GitHub advisory id (GHSA-xxxx-xxxx-xxxx)'),
  package: z.string().min(1),
  reason: z
    .string()
    .trim()
    .min(MIN_AUDIT_REASON_LENGTH, `must say why in ${MIN_AUDIT_REASON_LENGTH} characters or more`),
  expires: isoDate,
});

/**
 * One reviewed advisory of a production dependency that may stay until it expires: an advisory of
 * high or critical severity fails the build unless it is acknowledged here.
 */
export interface AuditAcknowledgement {
  /** The advisory's GitHub id, as in `npm audit`'s advisory URL (`GHSA-xxxx-xxxx-xxxx`). */
  readonly advisory: string;
  /** The vulnerable package the advisory is reported on (`npm audit`'s `name`). */
  readonly package: string;
  /** Why it cannot hurt us, or what we wait for: specific enough for a reviewer to check (20 characters or more). */
  readonly reason: string;
  /** The last day (UTC, `YYYY-MM-DD`) it holds: after it the advisory fails the build again, so someone looks again. */
  readonly expires: string;
}

/** Validates acknowledgements, naming the entry and field of the first mistake. */
export function parseAuditAcknowledgements(
  entries: readonly AuditAcknowledgement[],
): readonly AuditAcknowledgement[] {
  return entries.map((entry, index) => {
    const parsed = auditAcknowledgement.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `supply chain: audit acknowledgement ${index} (${entry.advisory ?? '?'}): ${issue.path.join('.')} ${issue.message}`,
    );
  });
}
