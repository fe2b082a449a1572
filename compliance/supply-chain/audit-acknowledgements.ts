import type { AuditAcknowledgement } from './audit-acknowledgement.js';

/**
 * Reviewed advisories of production dependencies (see docs/runbook.md, "Supply chain"). Each one
 * names the advisory and package exactly, says why in 20 characters or more, and expires: an expired
 * entry fails the build until someone fixes the dependency or renews the entry with a fresh look.
 */
export const AUDIT_ACKNOWLEDGEMENTS: readonly AuditAcknowledgement[] = [];
