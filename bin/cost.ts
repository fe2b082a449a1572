#!/usr/bin/env node
// `npm run cost [-- --assembly DIR] [--out FILE]`: prices the synthesized cloud assembly (default cdk.out,
// written by `npm run synth`) at the configuration of cdk.json, writes cost-report.md, prints the summary.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, readCommandLine } from '../pipeline/cli/command-line.js';
import { ConfigError, parseConfig, readCdkJsonContext } from '../pipeline/config.js';
import { readAssemblyStacks } from '../pipeline/cost/cloud-assembly.js';
import { costInputsFromConfig, priceTemplates } from '../pipeline/cost/estimate.js';
import { renderReport, summaryLine } from '../pipeline/cost/render.js';

const COST_COMMAND = {
  name: 'cost',
  usage: 'npm run cost -- [--assembly DIR] [--out FILE] [--config FILE]',
  description: [
    'Prices every resource of the synthesized cloud assembly (run `npm run synth` first) for the pipeline,',
    'staging and production at the usage configured in cdk.json, writes the report and prints the summary.',
    'Offline: the prices are the tables in pipeline/cost/price-table.ts.',
  ].join('\n'),
  options: {
    assembly: { type: 'string', value: 'DIR', default: 'cdk.out', help: 'the cloud assembly to price' },
    out: { type: 'string', value: 'FILE', default: 'cost-report.md', help: 'where the report is written' },
    config: {
      type: 'string',
      value: 'FILE',
      default: 'cdk.json',
      help: 'the configuration (usage, budgets)',
    },
  },
  seeAlso: 'docs/runbook.md, "Cost"',
} as const;

const { values } = readCommandLine(COST_COMMAND, (argv) => parseCommandLine(COST_COMMAND, argv));

if (!existsSync(join(values.assembly, 'manifest.json'))) {
  console.error(
    `cost: no cloud assembly in ${values.assembly} (run \`npm run synth\` first, or pass --assembly DIR)`,
  );
  process.exit(1);
}

try {
  const config = parseConfig(readCdkJsonContext(values.config));
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
  console.log(summaryLine(estimate));
} catch (error) {
  // A malformed configuration or a region without prices: one line, no stack trace.
  if (error instanceof ConfigError || (error instanceof Error && error.message.startsWith('cost: '))) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
