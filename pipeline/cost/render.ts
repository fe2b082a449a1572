/** Renders an estimate as `cost-report.md`, ending with the one-line summary the pipeline log shows. */
import type { CostLine } from './cost-line.js';
import type { CostEstimate, CostInputs, GroupEstimate } from './estimate.js';
import { PRICE_TABLES } from './price-table.js';

export interface RenderOptions {
  /** Configured monthly budget of each stage group, shown beside its estimate. */
  readonly budgets?: Readonly<Record<string, number>>;
}

export function usd(value: number): string {
  return value.toFixed(2);
}

/** `cost: production P USD/month, staging S USD/month at the configured usage; baseline production Pb, staging Sb USD/month` */
export function summaryLine(estimate: CostEstimate): string {
  const production = estimate.group('production');
  const staging = estimate.group('staging');
  return (
    `cost: production ${usd(production?.atUsageUsd ?? 0)} USD/month, staging ${usd(staging?.atUsageUsd ?? 0)} USD/month ` +
    `at the configured usage; baseline production ${usd(production?.baselineUsd ?? 0)}, staging ${usd(staging?.baselineUsd ?? 0)} USD/month`
  );
}

export function renderReport(
  estimate: CostEstimate,
  inputs: CostInputs,
  options: RenderOptions = {},
): string {
  const regions = [...new Set(estimate.groups.map((g) => g.region))];
  const out: string[] = [
    '# Monthly cost estimate',
    '',
    'From the synthesized templates (`npm run cost`), per month, on-demand list prices in USD. Free tiers are not',
    'subtracted, so figures lean high. **Baseline** is zero traffic: always-on hours and monthly fees.',
    '**At the configured usage** adds what `goalMandala.<stage>.usage` in cdk.json assumes; each line says what it assumed.',
    '',
    ...regions.map((region) => {
      const table = PRICE_TABLES[region]!;
      return `Prices: ${region}, read ${table.readOn}, refresh by ${table.refreshBy} (pipeline/cost/price-table.ts).`;
    }),
    '',
    '| part | baseline USD/month | at the configured usage USD/month | budget USD/month |',
    '| --- | ---: | ---: | ---: |',
    ...estimate.groups.map(
      (g) =>
        `| ${g.group} | ${usd(g.baselineUsd)} | ${usd(g.atUsageUsd)} | ${options.budgets?.[g.group] === undefined ? '–' : usd(options.budgets[g.group]!)} |`,
    ),
    '',
  ];
  for (const group of estimate.groups) out.push(...renderGroup(group, inputs));
  out.push(...renderPrices(regions), '', summaryLine(estimate), '');
  return out.join('\n');
}

function renderGroup(group: GroupEstimate, inputs: CostInputs): string[] {
  const usage = inputs.stageUsage[group.group];
  const assumed = usage
    ? `${usage.monthlyActiveUsers} monthly active users × ${usage.apiCallsPerUser} API calls, ${usage.aiDraftsPerMonth} AI drafts, ` +
      `${usage.gbServedPerMonth} GB served, database busy ${usage.databaseBusyHoursPerDay} h/day at ${usage.databaseAverageAcu} ACU, ` +
      `${usage.databaseStorageGb} GB stored`
    : `${inputs.pipelineRunsPerMonth} pipeline runs a month`;
  const priced = [...group.lines].sort((a, b) => b.atUsageUsd - a.atUsageUsd);
  const shown = priced.filter((l) => l.atUsageUsd >= 0.005 || l.baselineUsd >= 0.005);
  const hidden = priced.length - shown.length;
  return [
    `## ${group.group} (${group.region})`,
    '',
    `Usage: ${assumed}.`,
    '',
    '| stack | resource | item | baseline | at usage | assumed |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...shown.map(row),
    `| | **total** | | **${usd(group.baselineUsd)}** | **${usd(group.atUsageUsd)}** | |`,
    '',
    ...(hidden > 0
      ? [`${hidden} more line(s) under 0.01 USD (functions run only at deploy time, topics, budgets…).`, '']
      : []),
    ...(group.notPriced.length > 0
      ? [
          `**Not priced** (${group.notPriced.length}: no price in pipeline/cost; add a pricer or list the type as free):`,
          '',
          ...group.notPriced.map((r) => `- ${r.stackName} ${r.logicalId} (${r.type})`),
          '',
        ]
      : ['Not priced: none.', '']),
  ];
}

function row(l: CostLine): string {
  return `| ${l.stackName} | ${l.logicalId} (${l.type}) | ${l.item} | ${usd(l.baselineUsd)} | ${usd(l.atUsageUsd)} | ${l.assumption} |`;
}

function renderPrices(regions: readonly string[]): string[] {
  return regions.flatMap((region) => {
    const table = PRICE_TABLES[region]!;
    return [
      `## Prices used (${region})`,
      '',
      '| price | USD | per | read on | source | note |',
      '| --- | ---: | --- | --- | --- | --- |',
      ...Object.entries(table.prices).map(
        ([key, p]) => `| ${key} | ${p.usd} | ${p.per} | ${p.readOn} | ${p.source} | ${p.note ?? ''} |`,
      ),
    ];
  });
}
