import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import * as z from 'zod';
import { tracer } from '../../shared/tracer.js';
import { WorkflowError } from '../errors.js';
import { workflowErrors } from '../steps.js';
import type { Prompt } from './prompts.js';

const settingsSchema = z.object({
  BEDROCK_MODEL_ID: z.string().min(3, 'BEDROCK_MODEL_ID must name a Bedrock model'),
  /** Locally: the local Bedrock Runtime endpoint. In AWS: unset (the regional endpoint). */
  BEDROCK_ENDPOINT: z.url('BEDROCK_ENDPOINT must be a URL').optional(),
  /** Below the function timeout, so a hung model call ends as ModelTimeout, not a killed Lambda. */
  BEDROCK_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(50_000),
  AWS_REGION: z.string().default('ap-northeast-1'),
});

type Settings = z.infer<typeof settingsSchema>;

function settings(): Settings {
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`workflow configuration: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

const clients = new Map<string, BedrockRuntimeClient>();

/** One client per endpoint, created once per container. */
function client({ BEDROCK_ENDPOINT: endpoint, AWS_REGION: region }: Settings): BedrockRuntimeClient {
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
export async function invokeModel(prompt: Prompt): Promise<unknown> {
  const config = settings();
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
        modelId: config.BEDROCK_MODEL_ID,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
      { abortSignal: AbortSignal.timeout(config.BEDROCK_REQUEST_TIMEOUT_MS) },
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
