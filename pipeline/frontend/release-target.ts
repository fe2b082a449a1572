/**
 * Which stage's release store and bucket a frontend command acts on, read from flags or environment
 * (the pipeline passes the edge stack's outputs as environment variables), and the AWS clients for it.
 * With a publisher role ARN, the clients assume that role (the pipeline runs in the toolchain account;
 * the store and bucket live in the stage's account).
 */
import { parseArgs as parseCommandLine } from 'node:util';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { type CommandSpec, type OptionSpec, UsageError } from '../cli/command-line.js';
import { ReleaseBucket } from './release-bucket.js';
import { FrontendReleaseError } from './frontend-release-error.js';
import { ReleaseStore } from './release-store.js';

/** Flag → environment variable it defaults from. */
export const TARGET_SETTINGS = {
  'store-arn': 'RELEASE_STORE_ARN',
  bucket: 'SITE_BUCKET',
  region: 'SITE_REGION',
  'role-arn': 'RELEASE_PUBLISHER_ROLE_ARN',
  'site-url': 'SITE_URL',
} as const;
export type TargetSetting = keyof typeof TARGET_SETTINGS;

const SETTING_HELP: Record<TargetSetting, [value: string, help: string]> = {
  'store-arn': ['ARN', "the stage's release KeyValueStore (edge stack output ReleaseStoreArn)"],
  bucket: ['NAME', "the stage's site bucket (edge stack output SiteBucketName)"],
  region: ['REGION', "the bucket's region: the stage's region, e.g. ap-northeast-1"],
  'role-arn': ['ARN', "a role to assume in the stage's account (the pipeline's publisher role)"],
  'site-url': ['URL', "the stage's site (edge stack output SiteUrl)"],
};

/** The `--help` description of a frontend command: its settings, each with the variable it defaults from. */
export function frontendCommand(
  spec: Pick<CommandSpec, 'name' | 'usage' | 'description'>,
  settings: readonly TargetSetting[],
  booleanFlags: Readonly<Record<string, string>> = {},
): CommandSpec {
  const options: Record<string, OptionSpec> = {};
  for (const name of settings) {
    const [value, help] = SETTING_HELP[name];
    options[name] = { type: 'string', value, help: `${help}; or ${TARGET_SETTINGS[name]}` };
  }
  for (const [name, help] of Object.entries(booleanFlags)) options[name] = { type: 'boolean', help };
  return {
    ...spec,
    positionals: true,
    options,
    environment: { RELEASE_ID: 'the release (a git commit) when none is named' },
    seeAlso: 'docs/runbook.md, "Frontend releases"',
  };
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly settings: Partial<Record<TargetSetting, string>>;
  readonly flags: Set<string>;
}

/** `--name value` or `--name=value` for the settings above; bare `--flag`s listed in `booleanFlags`. */
export function parseArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  booleanFlags: readonly string[] = [],
): ParsedArgs {
  // Not strict: an unknown option or a missing value is reported below in this command's own words.
  const { tokens } = parseCommandLine({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: {
      ...Object.fromEntries(Object.keys(TARGET_SETTINGS).map((name) => [name, { type: 'string' as const }])),
      ...Object.fromEntries(booleanFlags.map((name) => [name, { type: 'boolean' as const }])),
    },
  });
  const positional: string[] = [];
  const settings: Partial<Record<TargetSetting, string>> = {};
  const flags = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positional.push(token.value);
    } else if (token.kind === 'option') {
      if (booleanFlags.includes(token.name)) {
        flags.add(token.name);
      } else if (token.name in TARGET_SETTINGS) {
        if (!token.value) throw new UsageError(`--${token.name} needs a value`);
        settings[token.name as TargetSetting] = token.value;
      } else {
        throw new UsageError(`unknown option --${token.name}`);
      }
    }
  }
  for (const [name, variable] of Object.entries(TARGET_SETTINGS) as [TargetSetting, string][]) {
    if (settings[name] === undefined && env[variable]) settings[name] = env[variable];
  }
  return { positional, settings, flags };
}

/** The one release a command acts on: named on the command line, else RELEASE_ID (what the pipeline passes). */
export function singleReleaseId(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  if (args.positional.length > 1) throw new UsageError(`one release expected, not ${args.positional.length}`);
  const id = args.positional[0] ?? env.RELEASE_ID ?? '';
  if (!id) throw new UsageError('missing release id (or RELEASE_ID)');
  return id;
}

export function requireSetting(args: ParsedArgs, name: TargetSetting): string {
  const value = args.settings[name];
  if (!value)
    throw new FrontendReleaseError(
      `missing --${name} (or ${TARGET_SETTINGS[name]}): see the edge stack's outputs`,
    );
  return value;
}

function credentials(args: ParsedArgs) {
  const roleArn = args.settings['role-arn'];
  return roleArn
    ? fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'frontend-release' } })
    : undefined;
}

export function releaseStoreFor(args: ParsedArgs): ReleaseStore {
  const kvsArn = requireSetting(args, 'store-arn');
  if (!/^arn:aws[a-z-]*:cloudfront::\d{12}:key-value-store\/[\w-]+$/.test(kvsArn)) {
    throw new FrontendReleaseError(
      `"${kvsArn}" is not a CloudFront KeyValueStore ARN (arn:aws:cloudfront::<account>:key-value-store/<id>)`,
    );
  }
  // The KeyValueStore API is global (SigV4A); the region only picks the endpoint partition.
  const client = new CloudFrontKeyValueStoreClient({ region: 'us-east-1', credentials: credentials(args) });
  return new ReleaseStore(client, kvsArn);
}

export function releaseBucketFor(args: ParsedArgs): ReleaseBucket {
  const bucket = requireSetting(args, 'bucket');
  const s3 = new S3Client({
    region: args.settings.region,
    credentials: credentials(args),
    followRegionRedirects: true,
  });
  return new ReleaseBucket(s3, bucket);
}

/** Runs a command's main, turning any failure into one line on stderr and exit status 1. */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  // The SDK's "upgrade to Node 22" notice would drown the one line these commands print.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    await main();
  } catch (error) {
    const { name, message } = error as Error;
    // The S3 client's own words name no setting; the bucket's region comes from --region or SITE_REGION.
    if (message === 'Region is missing') {
      console.error(
        "error: the bucket's region is missing: pass --region or set SITE_REGION (the stage's region, e.g. ap-northeast-1)",
      );
      process.exitCode = 1;
      return;
    }
    const prefix = error instanceof FrontendReleaseError ? '' : name && name !== 'Error' ? `${name}: ` : '';
    console.error(`error: ${prefix}${String(message).split('\n')[0]}`);
    process.exitCode = 1;
  }
}
