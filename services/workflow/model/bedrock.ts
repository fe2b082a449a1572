import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import * as z from 'zod';
import { tracer } from '../../shared/tracer.js';
import { WorkflowError } from '../errors.js';
import { workflowErrors } from '../steps.js';
import type { Prompt } from './prompts.js';

const settingsSchema = z.object({
  BEDROCK_MODEL_ID: z.string().min(3, 'BEDROCK_MODEL_ID must name a Bedrock model'),
  /** Below the function timeout, so a hung model call ends as ModelTimeout, not a killed Lambda. */
  BEDROCK_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(50_000),
  AWS_REGION: z.string().default('ap-northeast-1'),
});

/** Which model the steps ask, where, and for how long. */
export interface ModelSettings {
  readonly modelId: string;
  /** Locally: the local Bedrock Runtime endpoint. In AWS: absent (the regional endpoint). */
  readonly endpoint?: string;
  readonly requestTimeoutMs: number;
  readonly region: string;
}

/** The settings of a Lambda step, from its environment (validated on first use: one line naming the variable). */
export function modelSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): () => ModelSettings {
  let settings: ModelSettings | undefined;
  return () => {
    if (settings) return settings;
    const parsed = settingsSchema.safeParse(env);
    if (!parsed.success) throw new Error(`workflow configuration: ${parsed.error.issues[0]!.message}`);
    const { BEDROCK_MODEL_ID, BEDROCK_REQUEST_TIMEOUT_MS, AWS_REGION } = parsed.data;
    return (settings = {
      modelId: BEDROCK_MODEL_ID,
      requestTimeoutMs: BEDROCK_REQUEST_TIMEOUT_MS,
      region: AWS_REGION,
    });
  };
}

const clients = new Map<string, BedrockRuntimeClient>();

/** One client per endpoint, created once per container. */
function client({ endpoint, region }: ModelSettings): BedrockRuntimeClient {
  const key = `${region} ${endpoint ?? ''}`;
  let existing = clients.get(key);
  if (!existing) {
    // Traced as X-Ray subsegments in Lambda (the tracer is off elsewhere).
    existing = tracer.captureAWSv3Client(
      new BedrockRuntimeClient({
        region,
        endpoint,
        // Retries belong to the state machine (backoff with full jitter, visible in the execution history).
        maxAttempts: 1,
        // The local endpoint checks that requests are signed, not by whom.
        ...(endpoint && !process.env.AWS_ACCESS_KEY_ID
          ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
          : {}),
      }),
    );
    clients.set(key, existing);
  }
  return existing;
}

const throttled = new Set([
  'ThrottlingException',
  'ServiceQuotaExceededException',
  'TooManyRequestsException',
]);
const unavailable = new Set([
  'InternalServerException',
  'ServiceUnavailableException',
  'ModelNotReadyException',
]);
const timedOut = new Set(['TimeoutError', 'AbortError', 'ModelTimeoutException', 'RequestTimeout']);

/** Maps an SDK failure onto the few error names the state machine retries or reports. */
export function classifyModelError(error: unknown): WorkflowError {
  const {
    name = 'Error',
    message = String(error),
    $metadata,
  } = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = $metadata?.httpStatusCode ?? 0;
  if (throttled.has(name) || status === 429)
    return new WorkflowError(workflowErrors.modelThrottled, `${name}: ${message}`);
  if (timedOut.has(name) || status === 408)
    return new WorkflowError(workflowErrors.modelTimeout, `${name}: ${message}`);
  if (unavailable.has(name) || status >= 500 || status === 0) {
    return new WorkflowError(workflowErrors.modelUnavailable, `${name}: ${message}`);
  }
  return new WorkflowError(workflowErrors.modelRequestRejected, `${name}: ${message}`);
}

/** Sends one Anthropic Messages request through Bedrock Runtime `InvokeModel` and returns the parsed body. */
export async function invokeModel(config: ModelSettings, prompt: Prompt): Promise<unknown> {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1024,
    temperature: 0.7,
    system: prompt.system,
    messages: [{ role: 'user', content: [{ type: 'text', text: prompt.user }] }],
  };
  let response;
  try {
    response = await client(config).send(
      new InvokeModelCommand({
        modelId: config.modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
      { abortSignal: AbortSignal.timeout(config.requestTimeoutMs) },
    );
  } catch (error) {
    throw classifyModelError(error);
  }
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch {
    throw new WorkflowError(
      workflowErrors.modelAnswerInvalid,
      'model answer rejected: the response body is not JSON',
    );
  }
}
