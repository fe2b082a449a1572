import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../compliance/supply-chain/check-outcome.js';
import { renderJunit } from '../../../compliance/supply-chain/junit.js';

const outcome: CheckOutcome = {
  check: 'audit',
  passed: false,
  summary: 'audit: …',
  cases: [
    {
      name: 'GHSA-3xgq-45jj-v275 cross-spawn (high)',
      failure: { message: 'unacknowledged <high> & "open"', detail: 'a\nb\u0007' },
    },
    {
      name: 'GHSA-fjxv-7rqg-78g4 form-data (critical)',
      skipped: 'Acknowledged until 2026-12-31: no multipart requests',
    },
    { name: 'GHSA-67mh-4wv8-2f99 esbuild (moderate)' },
  ],
};

describe('the supply-chain JUnit file', () => {
  it('is one suite named after the check, a case each: failed, skipped or passed, with counts', () => {
    const xml = renderJunit(outcome);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'audit', tests: '3', failures: '1', errors: '0', skipped: '1' });
    expect(parsed.testsuites).toMatchObject({ tests: '3', failures: '1', skipped: '1' });
    const [failed, skipped, passed] = suite.testcase;
    expect(failed.failure).toEqual({
      message: 'unacknowledged <high> & "open"',
      type: 'audit',
      '#text': 'a\nb',
    });
    expect(skipped.skipped.message).toBe('Acknowledged until 2026-12-31: no multipart requests');
    expect(passed).toEqual({
      classname: 'supply-chain.audit',
      name: 'GHSA-67mh-4wv8-2f99 esbuild (moderate)',
    });
  });
});
