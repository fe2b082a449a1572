import {
  collectFindings,
  collectPackFailures,
  type ReportedFinding,
  type ValidationReportJson,
} from './findings.js';
import { groupBy, type ReportContext } from './markdown.js';

/**
 * `compliance-report.xml` (JUnit) for a CodeBuild report group: one test suite per pack, one test
 * case per rule × resource. Unacknowledged findings are failures; acknowledged ones are skipped with
 * the reason as the message; a pack that could not run is an error. Each pack also gets a
 * "no unacknowledged findings" case, so a clean pack still shows that it ran.
 */
export function renderJunit(report: ValidationReportJson, context: ReportContext): string {
  const findings = collectFindings(report, context.stacks);
  const failures = collectPackFailures(report);
  const byPack = groupBy(findings, (f) => f.pack);
  const packs = [...new Set([...context.packs, ...byPack.keys(), ...failures.map((f) => f.pack)])];

  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = packs.map((pack) => {
    const packFindings = byPack.get(pack) ?? [];
    const failure = failures.find((f) => f.pack === pack);
    const open = packFindings.filter((f) => !f.acknowledgement);
    const cases = packFindings.map(testCase);
    const summary = failure
      ? `<error message="${xml(`${pack} could not run`)}">${xml(failure.error)}</error>`
      : open.length > 0
        ? `<failure message="${xml(`${open.length} unacknowledged finding(s)`)}" type="compliance"/>`
        : '';
    cases.push(
      `    <testcase classname="${xml(pack)}" name="${xml(`${pack}: no unacknowledged findings`)}">${summary}</testcase>`,
    );
    const counts = {
      tests: cases.length,
      failures: open.length + (open.length > 0 && !failure ? 1 : 0),
      errors: failure ? 1 : 0,
      skipped: packFindings.length - open.length,
    };
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
    return [
      `  <testsuite name="${xml(pack)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="compliance" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(f: ReportedFinding): string {
  const classname = xml(`${f.stage}.${f.stack}`);
  const name = xml(`${f.rule} ${f.constructPath}`);
  const body = f.acknowledgement
    ? `<skipped message="${xml(`Acknowledged: ${f.acknowledgement.reason}`)}"/>`
    : `<failure message="${xml(f.description)}" type="${xml(f.severity)}">${xml(`${f.rule} on ${f.constructPath}\n${f.description}`)}</failure>`;
  return `    <testcase classname="${classname}" name="${name}">${body}</testcase>`;
}

function xml(text: string): string {
  // XML 1.0 has no representation for most control characters: drop them.
  const printable = [...text].filter((c) => c >= ' ' || c === '\n' || c === '\t' || c === '\r').join('');
  return printable.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
