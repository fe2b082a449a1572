// The doctor's offline checks on configuration fixtures: the example passes; each rule's ✗ names the key and its fix.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AppConfig,
  CONTEXT_KEY,
  parseConfigKeys,
  readCdkJsonContext,
} from '../../../pipeline/config.js';
import { renderResult } from '../../../pipeline/doctor/check-result.js';
import { offlineChecks } from '../../../pipeline/doctor/offline/index.js';
import { tempDir } from '../../helpers/temp-dir.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;
type Raw = Record<string, Record<string, unknown> & { passwordResetMail?: Record<string, unknown> }>;
const example = readCdkJsonContext(join(repoRoot, 'cdk.json')) as Raw;

/** The example, changed by `edit`, through the schema only (as the doctor reads it). */
function fixture(edit: (raw: Raw) => void): AppConfig {
  const raw = structuredClone(example);
  edit(raw);
  return parseConfigKeys(raw) as AppConfig;
}

const lines = (config: AppConfig) => offlineChecks(config).map(renderResult);
const failures = (config: AppConfig) => lines(config).filter((line) => line.startsWith('✗'));

function moveTo(raw: Raw, place: string, region: string): void {
  raw[place]!.region = region;
  if (place !== 'toolchain') raw[place]!.availabilityZones = [`${region}a`, `${region}b`];
}

describe('doctor, offline', () => {
  it('passes the example configuration, one ✓ line per check', () => {
    expect(lines(fixture(() => {}))).toEqual([
      '✓ accounts: toolchain 111111111111, staging 222222222222, production 333333333333, all different',
      "✓ regions: production and the toolchain both in ap-northeast-1 (the bake alarms read production's metrics there)",
      '✓ price tables: ap-northeast-1 priced',
      '✓ reset mail: staging links to https://d111111abcdef8.cloudfront.net, production to https://d222222abcdef8.cloudfront.net, senders no-reply@staging.goal-mandala.example.com and no-reply@goal-mandala.example.com',
      "✓ repository connection: in the toolchain's account and region (111111111111, ap-northeast-1)",
    ]);
  });

  it('✗ both stages in one account, naming allowSharedAccount; ✓ when it is set', () => {
    const shared = (raw: Raw) => (raw.production!.account = '222222222222');
    expect(failures(fixture(shared))).toEqual([
      '✗ goalMandala.production.account must differ from staging.account (222222222222) — fix: give each stage its own account, or set goalMandala.allowSharedAccount: true to deploy both into one',
    ]);
    const allowed = fixture((raw) => {
      shared(raw);
      (raw as Record<string, unknown>).allowSharedAccount = true;
    });
    expect(lines(allowed)[0]).toBe(
      '✓ accounts: toolchain 111111111111, staging 222222222222, production 222222222222 (staging and production shared: allowSharedAccount)',
    );
  });

  it('✗ a stage in the toolchain account', () => {
    expect(failures(fixture((raw) => (raw.staging!.account = '111111111111')))).toEqual([
      '✗ goalMandala.staging.account is the toolchain account (111111111111) — fix: give staging an account of its own: the toolchain account holds the pipeline only',
    ]);
  });

  it("✗ production outside the toolchain's region, saying why", () => {
    expect(failures(fixture((raw) => moveTo(raw, 'production', 'ap-northeast-3')))).toEqual([
      '✗ goalMandala.production.region (ap-northeast-3) must equal toolchain.region (ap-northeast-1) — fix: the bake alarms live in the toolchain account on production metrics, and a CloudWatch alarm reads metrics of its own region only: put both in one region',
      '✗ goalMandala.production.region (ap-northeast-3) has no price table (pipeline/cost/price-table.ts has ap-northeast-1) — fix: add a table for ap-northeast-3 to PRICE_TABLES (docs/runbook.md, "Refreshing the price table"): the budget check prices every account',
    ]);
  });

  it('✗ every region without a price table, once per place', () => {
    const all = fixture((raw) =>
      ['toolchain', 'staging', 'production'].forEach((p) => moveTo(raw, p, 'eu-west-1')),
    );
    expect(
      failures(all)
        .filter((line) => line.includes('price table'))
        .map((line) => line.split(' has ')[0]),
    ).toEqual([
      '✗ goalMandala.toolchain.region (eu-west-1)',
      '✗ goalMandala.staging.region (eu-west-1)',
      '✗ goalMandala.production.region (eu-west-1)',
    ]);
  });

  it('✗ a siteUrl that is not a CloudFront address (there is no custom domain), and one shared by both stages', () => {
    const custom = fixture(
      (raw) => (raw.staging!.passwordResetMail!.siteUrl = 'https://staging.goal-mandala.example.com'),
    );
    expect(failures(custom)).toEqual([
      "✗ goalMandala.staging.passwordResetMail.siteUrl (https://staging.goal-mandala.example.com) is not a CloudFront domain: there is no custom domain, so reset links would point nowhere — fix: set it to the distribution's address, the SiteUrl output of the Staging-Edge stack (https://<id>.cloudfront.net)",
    ]);
    const same = fixture(
      (raw) => (raw.production!.passwordResetMail!.siteUrl = raw.staging!.passwordResetMail!.siteUrl),
    );
    expect(failures(same)).toEqual([
      '✗ goalMandala.production.passwordResetMail.siteUrl must differ from staging.passwordResetMail.siteUrl: each stage has its own distribution — fix: set each stage its own distribution address (the SiteUrl output of Staging-Edge and Production-Edge)',
    ]);
  });

  it("✗ a sender at the distribution's domain, which SES cannot verify", () => {
    const atCloudFront = fixture((raw) => {
      raw.production!.passwordResetMail!.sender = 'no-reply@d222222abcdef8.cloudfront.net';
      raw.production!.passwordResetMail!.senderIdentity = 'd222222abcdef8.cloudfront.net';
    });
    expect(failures(atCloudFront)).toEqual([
      "✗ goalMandala.production.passwordResetMail.sender (no-reply@d222222abcdef8.cloudfront.net) is at the distribution's domain, which SES cannot verify — fix: send from a domain (or an address) you own and verify in SES; siteUrl alone is the distribution",
    ]);
  });

  it('✗ a connection of another account or region than the toolchain', () => {
    const elsewhere = fixture((raw) => {
      raw.repository!.connectionArn =
        'arn:aws:codestar-connections:us-east-1:444444444444:connection/00000000-0000-0000-0000-000000000000';
    });
    expect(failures(elsewhere)).toEqual([
      "✗ goalMandala.repository.connectionArn is in 444444444444/us-east-1, not the toolchain's 111111111111/ap-northeast-1 — fix: create the connection in the toolchain account and region (Developer Tools → Settings → Connections) and put its ARN here",
    ]);
  });
});

describe('npm run doctor (offline)', () => {
  function doctor(config: unknown) {
    const dir = tempDir('gm-doctor-');
    const file = join(dir, 'cdk.json');
    writeFileSync(file, JSON.stringify({ context: { [CONTEXT_KEY]: config } }));
    return spawnSync(process.execPath, ['--import', 'tsx', 'bin/doctor.ts', '--config', file], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('exits 0 on the example, 1 listing every problem at once, each on one line', () => {
    const ok = doctor(example);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe(
      'doctor: all 5 checks passed (offline; npm run doctor -- --online checks the accounts)',
    );
    const broken = structuredClone(example);
    broken.production!.account = '222222222222';
    broken.staging!.passwordResetMail!.siteUrl = 'https://staging.goal-mandala.example.com';
    const bad = doctor(broken);
    expect(bad.status).toBe(1);
    expect(bad.stdout.split('\n').filter((line) => line.startsWith('✗'))).toHaveLength(2);
    expect(bad.stdout.trim().split('\n').at(-1)).toBe(
      'doctor: 2 of 5 checks failed: fix them (each ✗ says how), then run the doctor again',
    );
    expect(bad.stderr).toBe('');
  });

  it('names a key its schema refuses in one line, exit 1', () => {
    const raw = structuredClone(example);
    raw.staging!.bakeMinutes = 30;
    const result = doctor(raw);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'doctor: configuration: goalMandala.staging has unknown key(s) bakeMinutes',
    );
  });
});
