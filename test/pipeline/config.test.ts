import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEY, ConfigError, parseConfig, stageConfig } from '../../pipeline/config.js';
import { tempDir } from '../helpers/temp-dir.js';

const repoRoot = new URL('../../', import.meta.url);
const cdkJson = JSON.parse(readFileSync(new URL('cdk.json', repoRoot), 'utf8')) as {
  context: Record<string, unknown>;
};
const example = cdkJson.context[CONTEXT_KEY] as Record<string, unknown>;

/** The example configuration with one value replaced (or removed, with `undefined`) at a dotted path. */
function exampleWith(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(example);
  const keys = path.split('.');
  const parent = keys
    .slice(0, -1)
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return copy;
}

function errorOf(raw: unknown): ConfigError {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('parseConfig accepted the configuration');
}

describe('parseConfig', () => {
  it('accepts the example configuration of cdk.json and freezes it', () => {
    const config = parseConfig(example);
    expect(config.staging.account).toBe('222222222222');
    expect(config.backupWindowUtc).toBe('18:00-19:00');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.staging)).toBe(true);
    expect(() => ((config.staging as { account: string }).account = '1')).toThrow(TypeError);
  });

  it.each([
    [
      'staging.account',
      '12345',
      'configuration: goalMandala.staging.account must be a 12-digit AWS account id',
    ],
    [
      'production.region',
      'tokyo',
      'configuration: goalMandala.production.region must be an AWS region such as ap-northeast-1',
    ],
    [
      'staging.alertEmail',
      'admin(at)example.com',
      'configuration: goalMandala.staging.alertEmail must be an e-mail address',
    ],
    [
      'production.monthlyBudgetUsd',
      -5,
      'configuration: goalMandala.production.monthlyBudgetUsd must be a positive number of USD',
    ],
    [
      'backupWindowUtc',
      '03:00-4:00',
      'configuration: goalMandala.backupWindowUtc must be a UTC window hh:mm-hh:mm',
    ],
    [
      'staging.availabilityZones',
      ['ap-northeast-1a'],
      'configuration: goalMandala.staging.availabilityZones must list exactly 2 availability zones',
    ],
    [
      'production.availabilityZones',
      ['ap-northeast-1a', 'us-east-1b'],
      'configuration: goalMandala.production.availabilityZones.1 must be in region ap-northeast-1',
    ],
    [
      'repository.connectionArn',
      'arn:aws:s3:::bucket',
      'configuration: goalMandala.repository.connectionArn must be a CodeStar connection ARN',
    ],
    [
      'appName',
      'Goal Mandala',
      'configuration: goalMandala.appName must be lowercase letters, digits and dashes',
    ],
    [
      'staging.passwordResetMail.siteUrl',
      'http://staging.example.com',
      'configuration: goalMandala.staging.passwordResetMail.siteUrl must be an https URL',
    ],
    [
      'production.passwordResetMail.sender',
      'no-reply@elsewhere.example.com',
      'configuration: goalMandala.production.passwordResetMail.sender must be senderIdentity or an address of it',
    ],
    [
      'production.passwordResetMail',
      undefined,
      'configuration: goalMandala.production.passwordResetMail is missing',
    ],
    ['toolchain.account', undefined, 'configuration: goalMandala.toolchain.account is missing'],
    ['staging.colour', 'blue', 'configuration: goalMandala.staging has unknown key(s) colour'],
    [
      'production.monthlyBudgetUsd',
      '100',
      'configuration: goalMandala.production.monthlyBudgetUsd must be a number, not a string',
    ],
    [
      'repository',
      'goal-mandala/goal-mandala',
      'configuration: goalMandala.repository must be an object, not a string',
    ],
    [
      'staging.availabilityZones',
      null,
      'configuration: goalMandala.staging.availabilityZones must be an array, not null',
    ],
    [
      'production.database.autoPauseAfterMinutes',
      10,
      'configuration: goalMandala.production.database.autoPauseAfterMinutes needs minCapacityAcu 0',
    ],
    [
      'staging.database.minCapacityAcu',
      4,
      'configuration: goalMandala.staging.database.minCapacityAcu must not exceed maxCapacityAcu',
    ],
    [
      'staging.database.minCapacityAcu',
      0.3,
      'configuration: goalMandala.staging.database.minCapacityAcu must be a multiple of 0.5',
    ],
    [
      'staging.egress',
      'internet',
      'configuration: goalMandala.staging.egress must be nat-gateway or vpc-endpoints',
    ],
    [
      'production.usage.monthlyActiveUsers',
      -1,
      'configuration: goalMandala.production.usage.monthlyActiveUsers must be a number of users, 0 or more',
    ],
    [
      'staging.usage.databaseBusyHoursPerDay',
      25,
      'configuration: goalMandala.staging.usage.databaseBusyHoursPerDay must be at most 24 hours',
    ],
    ['pipelineRunsPerMonth', undefined, 'configuration: goalMandala.pipelineRunsPerMonth is missing'],
    ['toolchain.profile', 'toolchain', 'configuration: goalMandala.toolchain has unknown key(s) profile'],
    ['bakeMinutes', 30, 'configuration: goalMandala has unknown key(s) bakeMinutes'],
    [
      'production.passwordResetMail.replyTo',
      'help@example.com',
      'configuration: goalMandala.production.passwordResetMail has unknown key(s) replyTo',
    ],
    [
      'production.account',
      '222222222222',
      'configuration: goalMandala.production.account must differ from staging.account (222222222222): give each stage its own account, or set goalMandala.allowSharedAccount: true to deploy both into one',
    ],
    [
      'allowSharedAccount',
      'yes',
      'configuration: goalMandala.allowSharedAccount must be a boolean, not a string',
    ],
  ])('rejects a malformed %s with one line naming the key', (path, value, message) => {
    const error = errorOf(exampleWith(path, value));
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });

  it('accepts both stages in one account when allowSharedAccount says so', () => {
    const shared = { ...exampleWith('production.account', '222222222222'), allowSharedAccount: true };
    expect(parseConfig(shared).production.account).toBe('222222222222');
  });

  it('refuses production in another region than the toolchain, naming both and why', () => {
    const raw = exampleWith('production.region', 'eu-west-1');
    (raw.production as Record<string, unknown>).availabilityZones = ['eu-west-1a', 'eu-west-1b'];
    expect(errorOf(raw).message).toBe(
      'configuration: goalMandala.production.region (eu-west-1) must equal toolchain.region (ap-northeast-1): the bake alarms live in the toolchain account on production metrics, and a CloudWatch alarm reads metrics of its own region only: put both in one region',
    );
  });

  it('names the missing context key itself, and a context value that is not an object', () => {
    expect(errorOf(undefined).message).toBe(
      'configuration: missing context key "goalMandala" (see cdk.json)',
    );
    expect(errorOf('oops').message).toBe('configuration: goalMandala must be an object, not a string');
  });
});

describe('stageConfig', () => {
  it('gives each stage its own account and the shared settings', () => {
    const config = parseConfig(example);
    const staging = stageConfig(config, 'staging');
    const production = stageConfig(config, 'production');
    expect(staging).toMatchObject({
      stageName: 'staging',
      account: '222222222222',
      appName: 'goal-mandala',
      backupWindowUtc: '18:00-19:00',
    });
    expect(production).toMatchObject({
      stageName: 'production',
      account: '333333333333',
      slackWebhookSecretName: config.slackWebhookSecretName,
    });
  });
});

/** Synthesizes the app (bin/app.ts) with this `goalMandala` context. */
function synthWith(config: Record<string, unknown>) {
  const context = { ...cdkJson.context, [CONTEXT_KEY]: config };
  return spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: new URL('.', repoRoot).pathname,
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify(context),
      CDK_OUTDIR: tempDir('gm-cdk-bad-'),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The example moved, toolchain and both stages, to another region. */
function allIn(region: string): Record<string, unknown> {
  const copy = structuredClone(example) as Record<string, Record<string, unknown>>;
  for (const place of ['toolchain', 'staging', 'production']) copy[place]!.region = region;
  for (const stage of ['staging', 'production'])
    copy[stage]!.availabilityZones = [`${region}a`, `${region}b`];
  return copy;
}

describe('bin/app.ts with a configuration that cannot work', () => {
  it('exits 1 printing only the one-line error, no stack trace', () => {
    const result = synthWith(exampleWith('production.account', 'prod-account'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'configuration: goalMandala.production.account must be a 12-digit AWS account id',
    );
    expect(result.stdout.trim()).toBe('');
  });

  it('names the region without a price table in one line, not the cost error deep in the budget check', () => {
    const result = synthWith(allIn('eu-west-1'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'configuration: goalMandala.toolchain.region (eu-west-1) has no price table (pipeline/cost/price-table.ts has ap-northeast-1): add a table for eu-west-1 to PRICE_TABLES (docs/runbook.md, "Refreshing the price table"): the budget check prices every account',
    );
  });

  it('refuses production outside the toolchain region before CDK reports AlarmRegionMismatch', () => {
    const raw = allIn('ap-northeast-1');
    (raw.production as Record<string, unknown>).region = 'ap-northeast-3';
    (raw.production as Record<string, unknown>).availabilityZones = ['ap-northeast-3a', 'ap-northeast-3b'];
    const result = synthWith(raw);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^configuration: goalMandala\.production\.region \(ap-northeast-3\) must equal toolchain\.region \(ap-northeast-1\): [^\n]+$/,
    );
  });
});
