/**
 * The configuration of ONE deployment stage (staging or production): what GoalMandalaStage reads.
 * The app's configuration (pipeline/config.ts) lists one of these per stage and derives the rest.
 */
import { z } from 'zod';

export const account = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as ap-northeast-1');

const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'must be an availability zone such as ap-northeast-1a');

const nonNegative = (unit: string) => z.number().nonnegative(`must be a number of ${unit}, 0 or more`);

/**
 * The stage's database shape. Staging scales to zero (min 0 ACU pauses after the idle minutes; the first
 * request after a pause waits ~15 s while it resumes); production keeps a floor and a reader.
 */
const databaseShapeSchema = z
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
const usageAssumptionsSchema = z.strictObject({
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

/**
 * Password reset e-mails (Amazon SES v2 in the stage's region). The identity must be verified in SES, and
 * the account out of the SES sandbox, before links reach people (docs/runbook.md). Not secrets: passed to
 * the auth function as environment variables.
 */
const passwordResetMailSchema = z
  .strictObject({
    /** The From address. */
    sender: z.email('must be an e-mail address'),
    /** The verified SES identity the sender belongs to: the sender's domain, or the address itself. */
    senderIdentity: z
      .string()
      .regex(/^[^\s/*@]+(@[^\s/*@]+)?$/, 'must be a domain or an e-mail address (an SES identity)'),
    /** The web app's address: what the reset links open. */
    siteUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
    /** An SES configuration set to send with (bounce and complaint events); none by default. */
    configurationSet: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name')
      .optional(),
  })
  .superRefine((mail, ctx) => {
    const identity = mail.senderIdentity.toLowerCase();
    const sender = mail.sender.toLowerCase();
    if (sender !== identity && !sender.endsWith(`@${identity}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sender'],
        message: 'must be senderIdentity or an address of it',
      });
    }
  });

/** The keys every stage's entry in the `goalMandala` context has (`staging`, `production`). */
const stageShape = {
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
  passwordResetMail: passwordResetMailSchema,
  database: databaseShapeSchema,
  /**
   * How functions in the VPC reach AWS APIs (Secrets Manager, Step Functions, Bedrock, SES): one NAT
   * gateway, or interface endpoints in one zone for a staging account that should cost little when idle.
   */
  egress: z.enum(['nat-gateway', 'vpc-endpoints'], 'must be nat-gateway or vpc-endpoints'),
  usage: usageAssumptionsSchema,
};

function zonesInRegion(stage: { region: string; availabilityZones: string[] }, ctx: z.RefinementCtx): void {
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
}

/** `staging` in the `goalMandala` context. */
export const stagingStageSchema = z.strictObject(stageShape).superRefine(zonesInRegion);

/** `production` in the `goalMandala` context: a stage that also bakes. */
export const productionStageSchema = z
  .strictObject({
    ...stageShape,
    /**
     * Minutes production stays under its bake alarms after its post-deploy steps before the run counts
     * as released (an alarm meanwhile rolls the stage back). Staging has no such key (refused as unknown):
     * its database pauses when idle, so its alarms have no traffic to judge.
     */
    bakeMinutes: z
      .number()
      // A refinement, not .int(): zod reports .int() as a type error ("must be an int").
      .refine(Number.isInteger, 'must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(1440, 'must be at most 1440 minutes (a day)')
      .default(30),
  })
  .superRefine(zonesInRegion);

export type DeploymentStageConfig = z.infer<typeof stagingStageSchema>;
export type DatabaseShape = z.infer<typeof databaseShapeSchema>;
export type PasswordResetMailConfig = z.infer<typeof passwordResetMailSchema>;
export type UsageAssumptions = z.infer<typeof usageAssumptionsSchema>;
export type StageName = 'staging' | 'production';

/** Everything one deployment stage needs: its own entry plus the app-wide values it reads. */
export interface StageConfig extends DeploymentStageConfig {
  readonly stageName: StageName;
  readonly appName: string;
  readonly slackWebhookSecretName: string;
  readonly backupWindowUtc: string;
}
