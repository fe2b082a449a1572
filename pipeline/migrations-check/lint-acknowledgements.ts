import type { LintAcknowledgement } from './lint-acknowledgement.js';

/**
 * squawk findings the team accepts, each for one migration and one rule, with the reason (see
 * docs/runbook.md, "Changing the schema safely"). Only migrations new since the release compared with are
 * linted, so an entry matters until that migration has shipped; an entry for a linted migration that no
 * longer has the finding fails the check, so none outlives its reason.
 */
export const LINT_ACKNOWLEDGEMENTS: readonly LintAcknowledgement[] = [];
