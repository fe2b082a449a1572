#!/usr/bin/env node
// `npm run supply-chain`: writes the SBOM (sbom.cdx.json), audits the production dependencies and scans
// every tracked file for secrets; one log line and one JUnit file (supply-chain-results/) per check.
// `--require-audit` (the pipeline's build) fails when the advisory database cannot be reached.
import { runSupplyChain } from '../compliance/supply-chain/run-supply-chain.js';
import { parseCommandLine, readCommandLine } from '../pipeline/cli/command-line.js';

const SUPPLY_CHAIN_COMMAND = {
  name: 'supply-chain',
  usage: 'npm run supply-chain -- [--require-audit] [--sbom-file FILE] [--results-directory DIR]',
  description: [
    'Writes the SBOM of the production dependencies (CycloneDX JSON), audits them against the advisory',
    'database (a high or critical advisory fails unless acknowledged) and scans every tracked file for',
    'secrets; one line per check, JUnit results for the build. Exits 1 when a check fails.',
  ].join('\n'),
  options: {
    'require-audit': {
      type: 'boolean',
      help: "fail when the advisory database cannot be reached (the pipeline's build)",
    },
    'sbom-file': { type: 'string', value: 'FILE', help: 'where the SBOM is written (default sbom.cdx.json)' },
    'results-directory': {
      type: 'string',
      value: 'DIR',
      help: 'where the JUnit results go (default supply-chain-results)',
    },
  },
  seeAlso: 'docs/runbook.md, "Supply chain"',
} as const;

const { values } = readCommandLine(SUPPLY_CHAIN_COMMAND, (argv) =>
  parseCommandLine(SUPPLY_CHAIN_COMMAND, argv),
);

const outcomes = await runSupplyChain({
  cwd: process.cwd(),
  requireAudit: values['require-audit'],
  sbomFile: values['sbom-file'],
  resultsDirectory: values['results-directory'],
});
for (const outcome of outcomes) {
  console.log(`supply chain ${outcome.passed ? 'ok  ' : 'FAIL'} ${outcome.summary}`);
  for (const c of outcome.cases) if (c.failure) console.log(`  ${c.name}: ${c.failure.message}`);
}
process.exit(outcomes.every((o) => o.passed) ? 0 : 1);
