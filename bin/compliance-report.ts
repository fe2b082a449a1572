#!/usr/bin/env node
// `npm run compliance`: synthesizes the app with every compliance pack (as the pipeline's build does),
// then renders cdk.out/validation-report.json into compliance-report.md and compliance-report.xml (JUnit).
// Synth exits 1 on unacknowledged findings; the reports are written anyway, then this exits 1 too.
// `--no-synth` (npm run compliance:report) only renders the report of an earlier `cdk synth`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACK_NAMES } from '../compliance/pack-names.js';
import { assemblyStacks } from '../compliance/report/assembly-stacks.js';
import { collectFindings, collectPackFailures, type ValidationReportJson } from '../compliance/report/findings.js';
import { renderJunit } from '../compliance/report/junit.js';
import { renderMarkdown } from '../compliance/report/markdown.js';
import { parseCommandLine, readCommandLine } from '../pipeline/cli/command-line.js';

const COMPLIANCE_COMMAND = {
  name: 'compliance',
  usage: 'npm run compliance [-- --no-synth]   (npm run compliance:report is --no-synth)',
  description: [
    'Synthesizes the app with every compliance pack (as the pipeline\'s build does), then renders',
    'cdk.out/validation-report.json into compliance-report.md (readable) and compliance-report.xml (JUnit).',
    'Exits 1 on an unacknowledged finding; the reports are written anyway.',
  ].join('\n'),
  options: {
    'no-synth': { type: 'boolean', help: 'only render the report of an earlier cdk synth' },
  },
  environment: { COMPLIANCE_CDK_OUT: 'the cloud assembly directory (default cdk.out)' },
  seeAlso: 'docs/runbook.md, "Acknowledging a compliance finding"',
} as const;

const { values } = readCommandLine(COMPLIANCE_COMMAND, (argv) => parseCommandLine(COMPLIANCE_COMMAND, argv));

const outdir = process.env.COMPLIANCE_CDK_OUT ?? 'cdk.out';
const reportPath = join(outdir, 'validation-report.json');
const markdownPath = 'compliance-report.md';
const junitPath = 'compliance-report.xml';

const renderOnly = values['no-synth'];
if (!renderOnly) rmSync(reportPath, { force: true });
const synth = renderOnly
  ? { status: 0, signal: null }
  : spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (!existsSync(reportPath)) {
  console.error(
    renderOnly
      ? `compliance: no ${reportPath}; run cdk synth first (or npm run compliance)`
      : `compliance: cdk synth exited ${synth.status ?? synth.signal} before validating (no ${reportPath}); see its output above`,
  );
  process.exit(1);
}

const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ValidationReportJson;
const context = { packs: PACK_NAMES, stacks: assemblyStacks(outdir) };
writeFileSync(markdownPath, renderMarkdown(report, context));
writeFileSync(junitPath, renderJunit(report, context));

const findings = collectFindings(report, context.stacks);
const open = findings.filter((f) => !f.acknowledgement).length;
const failures = collectPackFailures(report).length;
console.log(
  `compliance: ${open} unacknowledged, ${findings.length - open} acknowledged finding(s)${failures ? `, ${failures} pack(s) failed to run` : ''}; wrote ${markdownPath} and ${junitPath}`,
);
process.exit(open > 0 || failures > 0 || synth.status !== 0 ? 1 : 0);
