/**
 * Rules about the configuration as a whole (one key against another), beyond what each key's schema says.
 * `parseConfig` refuses what breaks the refusing rules; `npm run doctor` reports every rule, each with its fix.
 * Each finding names its key as a path under `goalMandala`.
 */
import { PRICE_TABLES } from './cost/price-table.js';

/** The parts of the configuration the rules read (the parsed configuration, or the schema's output). */
export interface RuledConfig {
  readonly toolchain: { readonly account: string; readonly region: string };
  readonly staging: StageKeys;
  readonly production: StageKeys;
  readonly allowSharedAccount?: boolean;
  readonly repository: { readonly connectionArn: string };
}

interface StageKeys {
  readonly account: string;
  readonly region: string;
  readonly passwordResetMail: { readonly sender: string; readonly siteUrl: string };
}

export interface ConfigFinding {
  /** The key, below `goalMandala`, e.g. `['production', 'region']`. */
  readonly path: readonly string[];
  /** What is wrong, worded to follow the key: `must differ from staging.account (222222222222)`. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

const STAGES = ['staging', 'production'] as const;

/** The stage accounts differ, unless `allowSharedAccount` says both stages deploy into one on purpose. */
export function stageAccountFindings(config: RuledConfig): ConfigFinding[] {
  if (config.staging.account !== config.production.account || config.allowSharedAccount === true) return [];
  return [
    {
      path: ['production', 'account'],
      problem: `must differ from staging.account (${config.staging.account})`,
      fix: 'give each stage its own account, or set goalMandala.allowSharedAccount: true to deploy both into one',
    },
  ];
}

/**
 * Neither stage is in the toolchain account: the runbook bootstraps three accounts, the stage accounts
 * trusting the toolchain one, and the budgets and alarms are per account.
 */
export function toolchainAccountFindings(config: RuledConfig): ConfigFinding[] {
  return STAGES.filter((stage) => config[stage].account === config.toolchain.account).map((stage) => ({
    path: [stage, 'account'],
    problem: `is the toolchain account (${config.toolchain.account})`,
    fix: `give ${stage} an account of its own: the toolchain account holds the pipeline only`,
  }));
}

/** Production is in the toolchain's region: the bake alarms live there, on production's metrics. */
export function productionRegionFindings(config: RuledConfig): ConfigFinding[] {
  if (config.production.region === config.toolchain.region) return [];
  return [
    {
      path: ['production', 'region'],
      problem: `(${config.production.region}) must equal toolchain.region (${config.toolchain.region})`,
      fix: 'the bake alarms live in the toolchain account on production metrics, and a CloudWatch alarm reads metrics of its own region only: put both in one region',
    },
  ];
}

/** Every region used has a price table: synth's budget check and `npm run cost` price every account. */
export function priceTableFindings(config: RuledConfig): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  const places = [
    ['toolchain', config.toolchain.region] as const,
    ...STAGES.map((s) => [s, config[s].region] as const),
  ];
  for (const [place, region] of places) {
    if (PRICE_TABLES[region]) continue;
    findings.push({
      path: [place, 'region'],
      problem: `(${region}) has no price table (pipeline/cost/price-table.ts has ${Object.keys(PRICE_TABLES).join(', ')})`,
      fix: `add a table for ${region} to PRICE_TABLES (docs/runbook.md, "Refreshing the price table"): the budget check prices every account`,
    });
  }
  return findings;
}

/**
 * The reset links and their sender: there is no custom domain, so `siteUrl` must be the CloudFront
 * distribution's own domain (else every link points nowhere); the two stages must not share it; the
 * sender must be a domain of yours, which `cloudfront.net` is not.
 */
export function resetMailFindings(config: RuledConfig): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  for (const stage of STAGES) {
    const mail = config[stage].passwordResetMail;
    const host = new URL(mail.siteUrl).hostname;
    const edge = `${stage === 'staging' ? 'Staging' : 'Production'}-Edge`;
    if (!host.endsWith('.cloudfront.net')) {
      findings.push({
        path: [stage, 'passwordResetMail', 'siteUrl'],
        problem: `(${mail.siteUrl}) is not a CloudFront domain: there is no custom domain, so reset links would point nowhere`,
        fix: `set it to the distribution's address, the SiteUrl output of the ${edge} stack (https://<id>.cloudfront.net)`,
      });
    }
    if (mail.sender.toLowerCase().endsWith('.cloudfront.net')) {
      findings.push({
        path: [stage, 'passwordResetMail', 'sender'],
        problem: `(${mail.sender}) is at the distribution's domain, which SES cannot verify`,
        fix: 'send from a domain (or an address) you own and verify in SES; siteUrl alone is the distribution',
      });
    }
  }
  if (config.staging.passwordResetMail.siteUrl === config.production.passwordResetMail.siteUrl) {
    findings.push({
      path: ['production', 'passwordResetMail', 'siteUrl'],
      problem: 'must differ from staging.passwordResetMail.siteUrl: each stage has its own distribution',
      fix: 'set each stage its own distribution address (the SiteUrl output of Staging-Edge and Production-Edge)',
    });
  }
  return findings;
}

/**
 * The connection is the toolchain's: a pipeline uses connections of its own account and region only
 * (`arn:aws:codeconnections:<region>:<account>:connection/<id>`).
 */
export function connectionFindings(config: RuledConfig): ConfigFinding[] {
  const [, , , region, account] = config.repository.connectionArn.split(':');
  if (region === config.toolchain.region && account === config.toolchain.account) return [];
  return [
    {
      path: ['repository', 'connectionArn'],
      problem: `is in ${account}/${region}, not the toolchain's ${config.toolchain.account}/${config.toolchain.region}`,
      fix: 'create the connection in the toolchain account and region (Developer Tools → Settings → Connections) and put its ARN here',
    },
  ];
}

/** The key of a finding as written in cdk.json: `goalMandala.production.region`. */
export function findingKey(finding: ConfigFinding): string {
  return ['goalMandala', ...finding.path].join('.');
}

/** A refused finding as the one line synth prints: `configuration: <key> <problem>: <fix>`. */
export function refusal(finding: ConfigFinding): string {
  return `configuration: ${findingKey(finding)} ${finding.problem}: ${finding.fix}`;
}
