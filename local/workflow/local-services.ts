/**
 * The workflow's part of the local stack (`npm start`): a local Bedrock Runtime endpoint, and the
 * synthesized state machine run by aws-local-stepfunctions behind a workflow starter (the local stack
 * registers it as the API's).
 *
 * Environment:
 *   LOCAL_AI_MODEL           `stand-in` (default): the offline local model endpoint; `bedrock`: the real Amazon
 *                            Bedrock with this machine's AWS credentials and AWS_REGION (costs money)
 *   LOCAL_BEDROCK_DELAY_MS   how long the local model takes per answer; default 300
 *   LOCAL_BEDROCK_PORT       port of the local Bedrock endpoint; default any free one
 *   BEDROCK_MODEL_ID         model id sent in requests; default the one configured for the stages
 *   AWS_REGION               the real Bedrock's region (LOCAL_AI_MODEL=bedrock); default ap-northeast-1
 */
import * as z from 'zod';
import type { WorkflowStarter } from '../../services/api/workflow-starter.js';
import { failJobs } from '../../services/db/ai-jobs.js';
import type { ModelSettings } from '../../services/workflow/model/bedrock.js';
import type { Database } from '../../services/workflow/store.js';
import { LocalBedrockServer, type LocalBedrockBehaviour } from './bedrock-server.js';
import { loadWorkflowDefinition } from './definition.js';
import { localBedrockModelId } from './local-model.js';
import { LocalWorkflowRunner } from './runner.js';

const localEnv = z.object({
  LOCAL_AI_MODEL: z
    .enum(['stand-in', 'bedrock'], 'LOCAL_AI_MODEL must be stand-in or bedrock')
    .default('stand-in'),
  LOCAL_BEDROCK_DELAY_MS: z.coerce.number().int().min(0, 'LOCAL_BEDROCK_DELAY_MS must be ≥ 0').default(300),
  LOCAL_BEDROCK_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535, 'LOCAL_BEDROCK_PORT must be a port')
    .default(0),
  BEDROCK_MODEL_ID: z
    .string()
    .min(3, 'BEDROCK_MODEL_ID must name a Bedrock model')
    .default(localBedrockModelId),
  BEDROCK_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(50_000),
  AWS_REGION: z.string().default('ap-northeast-1'),
});

export interface LocalWorkflowServices {
  /** The local model endpoint; absent with LOCAL_AI_MODEL=bedrock (the real service answers). */
  readonly bedrock?: LocalBedrockServer;
  /** The model the steps ask: the stand-in's endpoint, or the regional Bedrock (no endpoint). */
  readonly model: ModelSettings;
  readonly runner: LocalWorkflowRunner;
  /** Starts runs on `runner`, for the API's `ai/generate`. */
  readonly starter: WorkflowStarter;
  close(): Promise<void>;
}

export interface LocalServicesOptions {
  /** The local stack's pool: the steps read and write through it. */
  readonly db: Database;
  readonly behaviour?: Partial<LocalBedrockBehaviour>;
  /** @default - the definition's own retry intervals */
  readonly retryDelayMs?: number;
}

/** Starts the local model endpoint and the workflow runner. */
export async function startLocalServices(options: LocalServicesOptions): Promise<LocalWorkflowServices> {
  const parsed = localEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`local workflow: ${parsed.error.issues[0]!.message}`);
  const definition = loadWorkflowDefinition();
  const standIn = parsed.data.LOCAL_AI_MODEL === 'stand-in';
  const bedrock = standIn
    ? await LocalBedrockServer.start({
        port: parsed.data.LOCAL_BEDROCK_PORT,
        behaviour: { delayMs: parsed.data.LOCAL_BEDROCK_DELAY_MS, ...options.behaviour },
      })
    : undefined;
  const model: ModelSettings = {
    modelId: parsed.data.BEDROCK_MODEL_ID,
    // Without an endpoint the SDK client calls the regional Bedrock Runtime with the default credentials.
    endpoint: bedrock?.url,
    requestTimeoutMs: parsed.data.BEDROCK_REQUEST_TIMEOUT_MS,
    region: parsed.data.AWS_REGION,
  };
  const runner = new LocalWorkflowRunner({
    definition,
    dependencies: { db: options.db, model: () => model },
    retryDelayMs: options.retryDelayMs,
  });
  return {
    bedrock,
    model,
    runner,
    starter: {
      drafter: standIn ? 'local-stand-in' : 'bedrock',
      async start(input) {
        // The job id names the execution, as in AWS: a repeated start joins the running one.
        return { executionArn: runner.start(input, input.jobId).executionArn };
      },
    },
    async close() {
      const aborted = await runner.stop();
      await bedrock?.stop();
      // Unlike in AWS, stopping the local stack ends its executions: say so on their jobs.
      const jobIds = aborted.map((input) => input.jobId);
      if (jobIds.length > 0) {
        await options
          .db()
          .then((pool) => failJobs(pool, jobIds, { kind: 'stopped' }))
          .catch(() => undefined);
      }
    },
  };
}
