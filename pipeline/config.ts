/**
 * The one typed, validated configuration of the app: accounts, regions, repository, alert e-mail...
 * Read from the CDK context key `goalMandala` (example values live in cdk.json), parsed once by the entry
 * point in `bin/` and handed down. One stage's part of it is `stages/stage-config.ts`.
 * A malformed value fails with one line naming the key, never a stack trace from deep in CDK.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  account,
  productionStageSchema,
  region,
  stagingStageSchema,
  type StageConfig,
  type StageName,
} from '../stages/stage-config.js';
import { productionRegionFindings, refusal, stageAccountFindings } from './config-rules.js';

const environment = z.strictObject({ account, region });

/** RDS backup windows are UTC, `hh:mm-hh:mm`. */
const utcWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC window hh:mm-hh:mm');

export const appConfigSchema = z.strictObject({
  /** Prefix for names people read (dashboards, alarms); physical names are left to CloudFormation. */
  appName: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be lowercase letters, digits and dashes'),
  toolchain: environment,
  staging: stagingStageSchema,
  production: productionStageSchema,
  /** Both stages in one account, on purpose (the stage accounts must otherwise differ). */
  allowSharedAccount: z.boolean().optional(),
  repository: z.strictObject({
    /** `owner/name` of the source repository. */
    name: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
    branch: z.string().min(1, 'must name a branch'),
    /** CodeStar (CodeConnections) connection to the repository host. */
    connectionArn: z
      .string()
      .regex(
        /^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
        'must be a CodeStar connection ARN',
      ),
  }),
  /** Name (not value) of the Secrets Manager secret holding the Slack webhook URL, in each account. */
  slackWebhookSecretName: z.string().min(1, 'must name a Secrets Manager secret'),
  /** The nightly quiet window database backups must fall in (UTC; 18:00-19:00 UTC is 03:00-04:00 JST). */
  backupWindowUtc: utcWindow,
  /** Pipeline runs (pushes to the branch) a month, for the toolchain account's part of the cost report. */
  pipelineRunsPerMonth: z.number().nonnegative('must be a number of runs, 0 or more'),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

/** Raised with a one-line message naming the offending key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONTEXT_KEY = 'goalMandala';

/**
 * Validates raw configuration (the `goalMandala` context object) into frozen, typed data, refusing what
 * cannot work: the stages sharing an account (unless allowed), production in another region than the
 * toolchain. `npm run doctor` checks more (pipeline/doctor/).
 */
export function parseConfig(raw: unknown): Readonly<AppConfig> {
  const config = parseConfigKeys(raw);
  const finding = [...stageAccountFindings(config), ...productionRegionFindings(config)][0];
  if (finding) throw new ConfigError(refusal(finding));
  return config;
}

/** Each key against its schema only (no rule between keys): what the doctor reads before it checks those. */
export function parseConfigKeys(raw: unknown): Readonly<AppConfig> {
  if (raw === undefined || raw === null) {
    throw new ConfigError(`configuration: missing context key "${CONTEXT_KEY}" (see cdk.json)`);
  }
  const parsed = appConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = [CONTEXT_KEY, ...issue.path.map(String)].join('.');
    // zod leaves `issue.input` out by default: look the offending value up in the raw input.
    const value = issue.path.reduce<unknown>(
      (node, step) =>
        node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined,
      raw,
    );
    const message =
      issue.code === 'invalid_type'
        ? value === undefined
          ? 'is missing'
          : `must be ${article(issue.expected)}, not ${describe(value)}`
        : issue.code === 'unrecognized_keys'
          ? `has unknown key(s) ${issue.keys.join(', ')}`
          : issue.message;
    throw new ConfigError(`configuration: ${key} ${message}`);
  }
  return deepFreeze(parsed.data);
}

/** The `goalMandala` context of a cdk.json (the repository's own by default), for entry points that run no CDK app. */
export function readCdkJsonConfig(
  cdkJsonPath: URL | string = new URL('../cdk.json', import.meta.url),
): Readonly<AppConfig> {
  return parseConfig(readCdkJsonContext(cdkJsonPath));
}

/** The raw `goalMandala` object of a cdk.json; a missing or unreadable file is a one-line ConfigError. */
export function readCdkJsonContext(cdkJsonPath: URL | string): unknown {
  let text;
  try {
    text = readFileSync(cdkJsonPath, 'utf8');
  } catch {
    throw new ConfigError(`configuration: cannot read ${String(cdkJsonPath)}`);
  }
  try {
    return (JSON.parse(text) as { context?: Record<string, unknown> }).context?.[CONTEXT_KEY];
  } catch (error) {
    throw new ConfigError(`configuration: ${String(cdkJsonPath)} is not JSON (${(error as Error).message})`);
  }
}

export function stageConfig(config: AppConfig, stageName: StageName): StageConfig {
  return Object.freeze({
    ...config[stageName],
    stageName,
    appName: config.appName,
    slackWebhookSecretName: config.slackWebhookSecretName,
    backupWindowUtc: config.backupWindowUtc,
  });
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return type === 'null' ? 'null' : article(type);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
