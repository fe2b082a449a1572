/**
 * The change review's note on the production approval: its summary line and data-loss risks, on one
 * line (a pipeline variable), within what an approval comment holds. The review step writes it
 * (pipeline/review), the approval carries it as its comment, and the Slack notifier reads it back
 * out of the "approval needed" event to list the risks one per line.
 */

/** Between the approval's own comment, the summary and each risk. */
export const NOTE_SEPARATOR = ' | ';
const RISK_PREFIX = 'data-loss risk: ';
/** CodePipeline approval comments are short; the whole review is behind the approval's review link. */
export const MAX_NOTE_LENGTH = 400;
const SUMMARY = /^review: \d+ added, \d+ modified, \d+ replaced, \d+ removed; (\d+) data-loss risk\(s\)$/;

export interface ChangeReviewNote {
  /** `review: N added, M modified, R replaced, D removed; K data-loss risk(s)` */
  readonly summary: string;
  /** One short line per data-loss risk. */
  readonly risks: readonly string[];
}

/** The one-line note; risks that do not fit are counted ("+2 more data-loss risk(s) in the review"). */
export function formatChangeReviewNote(note: ChangeReviewNote, maxLength = MAX_NOTE_LENGTH): string {
  let text = note.summary;
  for (const [index, risk] of note.risks.entries()) {
    const next = `${text}${NOTE_SEPARATOR}${RISK_PREFIX}${risk}`;
    const rest = note.risks.length - index - 1;
    const reserve = rest > 0 ? `${NOTE_SEPARATOR}+${rest} more data-loss risk(s) in the review`.length : 0;
    if (next.length + reserve > maxLength) {
      return `${text}${NOTE_SEPARATOR}+${note.risks.length - index} more data-loss risk(s) in the review`;
    }
    text = next;
  }
  return text;
}

/** Splits an approval comment into its own text and the change review note, when it carries one. */
export function parseChangeReviewNote(comment: string): { comment: string; note?: ChangeReviewNote } {
  const parts = comment.split(NOTE_SEPARATOR);
  const at = parts.findIndex((part) => SUMMARY.test(part.trim()));
  if (at < 0) return { comment };
  const risks = parts
    .slice(at + 1)
    .map((part) => (part.startsWith(RISK_PREFIX) ? part.slice(RISK_PREFIX.length) : part).trim())
    .filter(Boolean);
  return {
    comment: parts.slice(0, at).join(NOTE_SEPARATOR).trim(),
    note: { summary: parts[at]!.trim(), risks },
  };
}
