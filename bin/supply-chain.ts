#!/usr/bin/env node
// `npm run supply-chain`: writes the SBOM (sbom.cdx.json), audits the production dependencies and scans
// every tracked file for secrets; one log line and one JUnit file (supply-chain-results/) per check.
// `--require-audit` (the pipeline's build) fails when the advisory database cannot be reached.
import { parseArgs } from 'node:util';
import { runSupplyChain } from '../compliance/supply-chain/run-supply-chain.js';

const { values } = parseArgs({
  options: {
    'require-audit': { type: 'boolean', default: false },
    'sbom-file': { type: 'string' },
    'results-directory': { type: 'string' },
  },
});

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
