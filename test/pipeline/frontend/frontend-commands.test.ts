/** The operator commands fail with one line naming the problem (never a stack trace), exit status 1. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../pipeline/frontend/release-target.js';

const run = promisify(execFile);
const CLEAN_ENV = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root' };

async function command(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', [script, ...args], {
      env: { ...CLEAN_ENV, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('frontend commands', () => {
  it('frontend:switch without a store names the setting and where to find it', async () => {
    const result = await command('bin/frontend-switch.ts', ['abc123']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: missing --store-arn (or RELEASE_STORE_ARN): see the edge stack's outputs",
    );
  });

  it('frontend:switch refuses something that is not a KeyValueStore ARN, and a malformed release id', async () => {
    const notArn = await command('bin/frontend-switch.ts', ['abc123', '--store-arn', 'my-store']);
    expect(notArn.code).toBe(1);
    expect(notArn.stderr.trim().split('\n')).toHaveLength(1);
    expect(notArn.stderr).toContain('"my-store" is not a CloudFront KeyValueStore ARN');

    const badId = await command('bin/frontend-switch.ts', ['../../etc'], {
      RELEASE_STORE_ARN:
        'arn:aws:cloudfront::123456789012:key-value-store/0f1e2d3c-0000-4000-8000-000000000000',
    });
    expect(badId.code).toBe(1);
    expect(badId.stderr.trim()).toMatch(/^error: release id "..\/..\/etc" is not valid/);
  });

  it('a bucket without a region names SITE_REGION, not the SDK\'s "Region is missing"', async () => {
    const result = await command('bin/frontend-switch.ts', ['abc123', '--bucket', 'site-bucket'], {
      RELEASE_STORE_ARN:
        'arn:aws:cloudfront::123456789012:key-value-store/0f1e2d3c-0000-4000-8000-000000000000',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "error: the bucket's region is missing: pass --region or set SITE_REGION (the stage's region, e.g. ap-northeast-1)",
    );
  });

  it('an unknown option is one line naming it, exit status 2', async () => {
    const result = await command('bin/frontend-switch.ts', ['--colour', 'red']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^frontend:switch: unknown option --colour; usage: [^\n]+$/);
  });

  it('frontend:publish and frontend:smoke say what is missing', async () => {
    const publish = await command('bin/frontend-publish.ts', []);
    expect(publish.code).toBe(2);
    expect(publish.stderr.trim()).toMatch(
      /^frontend:publish: missing release id \(or RELEASE_ID\); usage: npm run frontend:publish -- <releaseId> [^\n]+ \(--help explains\)$/,
    );
    const smoke = await command('bin/frontend-smoke-test.ts', [], { RELEASE_ID: 'abc123' });
    expect(smoke.code).toBe(1);
    expect(smoke.stderr.trim()).toBe("error: missing --site-url (or SITE_URL): see the edge stack's outputs");
  });

  it('reads settings from flags first, then the environment', () => {
    const args = parseArgs(
      ['previous', '--bucket=site-b', '--status'],
      { SITE_BUCKET: 'env-b', RELEASE_STORE_ARN: 'arn-env' },
      ['status'],
    );
    expect(args.positional).toEqual(['previous']);
    expect(args.settings).toEqual({ bucket: 'site-b', 'store-arn': 'arn-env' });
    expect(args.flags.has('status')).toBe(true);
    expect(() => parseArgs(['--colour', 'red'], {})).toThrow('unknown option --colour');
    expect(() => parseArgs(['--bucket'], {})).toThrow('--bucket needs a value');
  });
});
