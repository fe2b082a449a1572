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

/** One stage's entry in the `goalMandala` context (`staging`, `production`). */
export const deploymentStageSchema = z
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

export type DeploymentStageConfig = z.infer<typeof deploymentStageSchema>;
export type StageName = 'staging' | 'production';

/** Everything one deployment stage needs: its own entry plus the app-wide values it reads. */
export interface StageConfig extends DeploymentStageConfig {
  readonly stageName: StageName;
  readonly appName: string;
  readonly slackWebhookSecretName: string;
  readonly backupWindowUtc: string;
}
