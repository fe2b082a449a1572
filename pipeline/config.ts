/**
 * The one typed, validated configuration of the app: accounts, regions, repository, alert e-mail...
 * Read from the CDK context key `goalMandala` (example values live in cdk.json) by `bin/` only.
 * A malformed value fails with one line naming the key, never a stack trace from deep in CDK.
 */
import { z } from 'zod';

const account = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as ap-northeast-1');
const environment = z.strictObject({ account, region });

/** RDS backup windows are UTC, `hh:mm-hh:mm`. */
const utcWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC window hh:mm-hh:mm');

const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'must be an availability zone such as ap-northeast-1a');

const nonNegative = (unit: string) => z.number().nonnegative(`must be a number of ${unit}, 0 or more`);

/**
 * The stage's database shape. Staging scales to zero (min 0 ACU pauses after the idle minutes; the first
 * request after a pause waits ~15 s while it resumes); production keeps a floor and a reader.
 */
const databaseShape = z
  .strictObject({
    /** Aurora Serverless v2 floor per instance; 0 lets the cluster pause (auto-pause). */
    minCapacityAcu: z
      .number()
      .min(0, 'must be 0 or more ACU')
      .max(256)
      .multipleOf(0.5, 'must be a multiple of 0.5'),
    maxCapacityAcu: z
      .number()
      .min(1, 'must be at least 1 ACU')
      .max(256)
      .multipleOf(0.5, 'must be a multiple of 0.5'),
    /** Reader instances beside the writer (failover targets scaling with it). */
    readers: z.number().int('must be a whole number').min(0).max(15),
    /** Idle minutes before a 0-ACU cluster pauses (5–1440); only with minCapacityAcu 0. */
    autoPauseAfterMinutes: z.number().int('must be a whole number').min(5).max(1440).optional(),
  })
  .superRefine((db, ctx) => {
    if (db.minCapacityAcu > db.maxCapacityAcu) {
      ctx.addIssue({ code: 'custom', path: ['minCapacityAcu'], message: 'must not exceed maxCapacityAcu' });
    }
    if (db.autoPauseAfterMinutes !== undefined && db.minCapacityAcu !== 0) {
      ctx.addIssue({ code: 'custom', path: ['autoPauseAfterMinutes'], message: 'needs minCapacityAcu 0' });
    }
  });

/**
 * How a month of this stage is used: what the cost report (`npm run cost`) and the budget check price
 * beyond the always-on baseline. Estimates, not measurements: revisit them against the bill.
 */
const usageAssumptions = z.strictObject({
  monthlyActiveUsers: nonNegative('users'),
  /** API calls one active user makes in a month (every tRPC call, `/health` included). */
  apiCallsPerUser: nonNegative('calls'),
  aiDraftsPerMonth: nonNegative('drafts'),
  /** Data CloudFront sends to browsers (site and API answers). */
  gbServedPerMonth: nonNegative('GB'),
  /** Hours a day the database is awake with work (a 0-ACU staging database pauses the rest). */
  databaseBusyHoursPerDay: z.number().min(0).max(24, 'must be at most 24 hours'),
  /** Average capacity of each instance while busy (never below the floor). */
  databaseAverageAcu: nonNegative('ACU'),
  databaseStorageGb: nonNegative('GB'),
});

const deploymentStage = z
  .strictObject({
    account,
    region,
    /**
     * The VPC's two availability zones. Named here, not looked up, so synth needs no credentials
     * for the target account (the pipeline synthesizes in the toolchain account).
     */
    availabilityZones: z.array(availabilityZone).length(2, 'must list exactly 2 availability zones'),
    /** Where the budget alert and alarm e-mails go. */
    alertEmail: z.email('must be an e-mail address'),
    /** Monthly cost budget in USD; an alert fires at 80% of actual spend. */
    monthlyBudgetUsd: z.number().positive('must be a positive number of USD'),
    /** Bedrock model for the AI drafts; must be offered in the stage's region. */
    bedrockModelId: z.string().min(3, 'must name a Bedrock model id'),
    database: databaseShape,
    /**
     * How functions in the VPC reach AWS APIs (Secrets Manager, Step Functions, Bedrock): one NAT gateway,
     * or interface endpoints in one zone for a staging account that should cost little when idle.
     */
    egress: z.enum(['nat-gateway', 'vpc-endpoints'], 'must be nat-gateway or vpc-endpoints'),
    usage: usageAssumptions,
  })
  .superRefine((stage, ctx) => {
    stage.availabilityZones.forEach((zone, index) => {
      if (!zone.startsWith(stage.region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['availabilityZones', index],
          message: `must be in region ${stage.region}`,
        });
      }
    });
    if (new Set(stage.availabilityZones).size !== stage.availabilityZones.length) {
      ctx.addIssue({ code: 'custom', path: ['availabilityZones'], message: 'must list two different zones' });
    }
  });

export const appConfigSchema = z.strictObject({
  /** Prefix for names people read (dashboards, alarms); physical names are left to CloudFormation. */
  appName: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be lowercase letters, digits and dashes'),
  toolchain: environment,
  staging: deploymentStage,
  production: deploymentStage,
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
  /** Pipeline runs (pushes to the branch) a month, for the toolchain account's line of the cost report. */
  pipelineRunsPerMonth: nonNegative('runs'),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
export type DeploymentStageConfig = z.infer<typeof deploymentStage>;
export type DatabaseShape = z.infer<typeof databaseShape>;
export type UsageAssumptions = z.infer<typeof usageAssumptions>;
export type StageName = 'staging' | 'production';

/** Everything one deployment stage needs, derived from the app configuration. */
export interface StageConfig extends DeploymentStageConfig {
  readonly stageName: StageName;
  readonly appName: string;
  readonly slackWebhookSecretName: string;
  readonly backupWindowUtc: string;
}

/** Raised with a one-line message naming the offending key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const CONTEXT_KEY = 'goalMandala';

/** Validates raw configuration (the `goalMandala` context object) into frozen, typed data. */
export function parseConfig(raw: unknown): Readonly<AppConfig> {
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
