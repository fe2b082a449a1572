#!/usr/bin/env node
// `npm run cost [-- --assembly DIR] [--out FILE]`: prices the synthesized cloud assembly (default cdk.out,
// written by `npm run synth`) at the configuration of cdk.json, writes cost-report.md, prints the summary.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTEXT_KEY, ConfigError, parseConfig } from '../pipeline/config.js';
import { readAssemblyStacks } from '../pipeline/cost/cloud-assembly.js';
import { costInputsFromConfig, priceTemplates } from '../pipeline/cost/estimate.js';
import { renderReport, summaryLine } from '../pipeline/cost/render.js';
import { stalePriceWarnings } from '../pipeline/cost/stale-prices.js';

const { values } = parseArgs({
  options: {
    assembly: { type: 'string', default: 'cdk.out' },
    out: { type: 'string', default: 'cost-report.md' },
    config: { type: 'string', default: 'cdk.json' },
  },
});

if (!existsSync(join(values.assembly, 'manifest.json'))) {
  console.error(
    `cost: no cloud assembly in ${values.assembly} (run \`npm run synth\` first, or pass --assembly DIR)`,
  );
  process.exit(1);
}

try {
  const cdkJson = JSON.parse(readFileSync(values.config, 'utf8')) as { context?: Record<string, unknown> };
  const config = parseConfig(cdkJson.context?.[CONTEXT_KEY]);
  const inputs = costInputsFromConfig(config);
  const estimate = priceTemplates(readAssemblyStacks(values.assembly), inputs);
  const budgets = {
    staging: config.staging.monthlyBudgetUsd,
    production: config.production.monthlyBudgetUsd,
  };
  writeFileSync(values.out, renderReport(estimate, inputs, { budgets }));
  const notPriced = estimate.groups.reduce((sum, g) => sum + g.notPriced.length, 0);
  console.log(
    `cost: wrote ${values.out}${notPriced > 0 ? ` (${notPriced} resource(s) not priced: listed there)` : ''}`,
  );
  const regions = [config.toolchain.region, config.staging.region, config.production.region];
  for (const warning of stalePriceWarnings(regions)) console.log(warning);
  console.log(summaryLine(estimate));
} catch (error) {
  // A malformed configuration or a region without prices: one line, no stack trace.
  if (error instanceof ConfigError || (error instanceof Error && error.message.startsWith('cost: '))) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
