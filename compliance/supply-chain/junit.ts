import { XMLBuilder } from 'fast-xml-parser';
import type { CheckOutcome } from './check-outcome.js';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  suppressEmptyNode: true,
});

/**
 * One check's result as JUnit for a CodeBuild report group: one test suite named after the check,
 * one test case per finding (failed), acknowledgement (skipped) or passed check.
 */
export function renderJunit(outcome: CheckOutcome): string {
  const failures = outcome.cases.filter((c) => c.failure).length;
  const skipped = outcome.cases.filter((c) => !c.failure && c.skipped !== undefined).length;
  const counts = {
    '@_tests': outcome.cases.length,
    '@_failures': failures,
    '@_errors': 0,
    '@_skipped': skipped,
  };
  const testcase = outcome.cases.map((c) => ({
    '@_classname': `supply-chain.${outcome.check}`,
    '@_name': printable(c.name),
    ...(c.failure
      ? {
          failure: {
            '@_message': printable(c.failure.message),
            '@_type': outcome.check,
            '#text': printable(c.failure.detail),
          },
        }
      : c.skipped !== undefined
        ? { skipped: { '@_message': printable(c.skipped) } }
        : {}),
  }));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `supply-chain ${outcome.check}`,
      ...counts,
      testsuite: { '@_name': outcome.check, ...counts, testcase },
    },
  }) as string;
}

/** XML 1.0 cannot carry most control characters: drop them (the builder escapes the rest). */
function printable(text: string): string {
  return [...text].filter((c) => c >= ' ' || c === '\n' || c === '\t').join('');
}
