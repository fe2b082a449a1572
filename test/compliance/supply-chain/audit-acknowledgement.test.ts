import { describe, expect, it } from 'vitest';
import { parseAuditAcknowledgements } from '../../../compliance/supply-chain/audit-acknowledgement.js';
import { AUDIT_ACKNOWLEDGEMENTS } from '../../../compliance/supply-chain/audit-acknowledgements.js';

const valid = {
  advisory: 'GHSA-3xgq-45jj-v275',
  package: 'cross-spawn',
  reason: 'Only the build runs it, with fixed arguments.',
  expires: '2027-01-31',
};

describe('audit acknowledgements', () => {
  it("accepts the repository's own", () => {
    expect(() => parseAuditAcknowledgements(AUDIT_ACKNOWLEDGEMENTS)).not.toThrow();
  });

  it('accepts a complete one and trims the reason', () => {
    expect(parseAuditAcknowledgements([{ ...valid, reason: `  ${valid.reason} ` }])).toEqual([valid]);
  });

  it.each<[Partial<typeof valid>, string]>([
    [{ reason: 'not used here' }, 'reason must say why in 20 characters or more'],
    [{ expires: '31.01.2027' }, 'expires must be a date written YYYY-MM-DD'],
    [{ expires: '2027-02-30' }, 'expires is not a calendar date'],
    [{ expires: '2027-13-45' }, 'expires is not a calendar date'],
    [{ advisory: 'CVE-2024-21538' }, 'advisory must be a GitHub advisory id (GHSA-xxxx-xxxx-xxxx)'],
  ])('rejects %o, naming the field', (change, message) => {
    expect(() => parseAuditAcknowledgements([valid, { ...valid, ...change }])).toThrow(
      `supply chain: audit acknowledgement 1 (${change.advisory ?? valid.advisory}): ${message}`,
    );
  });
});
