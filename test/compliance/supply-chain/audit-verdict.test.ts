import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditAcknowledgement } from '../../../compliance/supply-chain/audit-acknowledgement.js';
import { auditVerdict } from '../../../compliance/supply-chain/audit-verdict.js';
import type { NpmAuditAnswer } from '../../../compliance/supply-chain/npm-audit.js';

// Answers of `npm audit --omit=dev --json` (npm 11, audit report format 2). The error answers were
// recorded on this machine (no advisory database: the endpoint refuses, or nothing listens); the
// reports carry real advisories in the shape npm prints.
const answer = (name: string): NpmAuditAnswer => ({
  json: JSON.parse(readFileSync(new URL(`./fixtures/npm-audit-${name}.json`, import.meta.url), 'utf8')),
});

const today = '2026-12-01';
const notRequired = { acknowledgements: [], today, required: false };
const crossSpawn: AuditAcknowledgement = {
  advisory: 'GHSA-3xgq-45jj-v275',
  package: 'cross-spawn',
  reason: 'Only the build runs cross-spawn, with fixed arguments we write ourselves.',
  expires: '2026-12-31',
};
const formData: AuditAcknowledgement = {
  advisory: 'GHSA-fjxv-7rqg-78g4',
  package: 'form-data',
  reason: 'No multipart request leaves the product; the boundary is never sent.',
  expires: '2026-12-31',
};
const failedNames = (outcome: ReturnType<typeof auditVerdict>) =>
  outcome.cases.filter((c) => c.failure).map((c) => c.name);

describe('the audit verdict', () => {
  it('fails on unacknowledged high and critical advisories, naming each, and lets a moderate one pass', () => {
    const outcome = auditVerdict(answer('findings'), notRequired);
    expect(outcome.passed).toBe(false);
    expect(failedNames(outcome)).toEqual([
      'GHSA-3xgq-45jj-v275 cross-spawn (high)',
      'GHSA-fjxv-7rqg-78g4 form-data (critical)',
      'no unacknowledged high or critical advisory',
    ]);
    // axios is only vulnerable through form-data: the advisory is counted once, on form-data.
    expect(outcome.cases.map((c) => c.name)).toContain('GHSA-67mh-4wv8-2f99 esbuild (moderate)');
    expect(outcome.cases.some((c) => c.name.includes('axios'))).toBe(false);
    expect(outcome.summary).toBe(
      'audit: 3 advisory(ies) in production dependencies: 2 high/critical open, 0 acknowledged, 1 below high',
    );
  });

  it('passes a report with moderate advisories only', () => {
    const outcome = auditVerdict(answer('moderate-only'), notRequired);
    expect(outcome.passed).toBe(true);
    expect(failedNames(outcome)).toEqual([]);
    expect(outcome.cases[0]!.name).toBe('GHSA-67mh-4wv8-2f99 esbuild (moderate)');
  });

  it('passes acknowledged advisories, showing the reason and expiry', () => {
    const outcome = auditVerdict(answer('findings'), {
      ...notRequired,
      acknowledgements: [crossSpawn, formData],
    });
    expect(outcome.passed).toBe(true);
    expect(outcome.cases.find((c) => c.name.startsWith('GHSA-3xgq'))!.skipped).toBe(
      `Acknowledged until 2026-12-31: ${crossSpawn.reason}`,
    );
    expect(outcome.summary).toContain('0 high/critical open, 2 acknowledged');
  });

  it('still holds on its expiry day and fails the day after', () => {
    const lastDay = { ...crossSpawn, expires: today };
    const onTheDay = auditVerdict(answer('findings'), {
      ...notRequired,
      acknowledgements: [lastDay, formData],
    });
    expect(onTheDay.passed).toBe(true);

    const expired = { ...crossSpawn, expires: '2026-11-30' };
    const outcome = auditVerdict(answer('findings'), {
      ...notRequired,
      acknowledgements: [expired, formData],
    });
    expect(outcome.passed).toBe(false);
    const failure = outcome.cases.find((c) => c.name.startsWith('GHSA-3xgq'))!.failure!;
    expect(failure.message).toBe(
      'acknowledgement expired on 2026-11-30: update cross-spawn or renew the acknowledgement',
    );
  });

  it('does not let an acknowledgement of one package cover the same advisory on another', () => {
    const elsewhere = { ...crossSpawn, package: 'other-package' };
    const outcome = auditVerdict(answer('findings'), {
      ...notRequired,
      acknowledgements: [elsewhere, formData],
    });
    expect(failedNames(outcome)).toContain('GHSA-3xgq-45jj-v275 cross-spawn (high)');
  });

  it('passes a clean report', () => {
    const outcome = auditVerdict(answer('clean'), { ...notRequired, required: true });
    expect(outcome.passed).toBe(true);
    expect(outcome.summary).toContain('0 advisory(ies)');
  });

  it.each(['endpoint-refused', 'connection-refused'])(
    'passes unchecked when the advisory database is unreachable (%s), unless the audit is required',
    (name) => {
      const here = auditVerdict(answer(name), notRequired);
      expect(here.passed).toBe(true);
      expect(here.summary).toMatch(/^audit: not checked, advisory database unreachable \(.+\); passes here/);
      expect(here.summary.split('\n')).toHaveLength(1);
      expect(here.cases).toEqual([
        { name: 'npm audit --omit=dev', skipped: expect.stringContaining('unreachable') },
      ]);

      const required = auditVerdict(answer(name), { ...notRequired, required: true });
      expect(required.passed).toBe(false);
      expect(required.summary).toContain('this build requires the audit');
    },
  );

  it('fails when npm audit cannot run at all, even where the audit is not required', () => {
    const noLock = auditVerdict(answer('no-lockfile'), notRequired);
    expect(noLock.passed).toBe(false);
    expect(noLock.summary).toBe(
      'audit: npm audit could not run: ENOLOCK This command requires an existing lockfile.',
    );

    const garbage = auditVerdict({ unparsed: 'npm ERR! something else\nmore' }, notRequired);
    expect(garbage.passed).toBe(false);
    expect(garbage.summary).toBe('audit: npm audit gave no JSON answer: npm ERR! something else');
  });
});
