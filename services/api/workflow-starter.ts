/**
 * How the AI router starts a drafting run, chosen once per container:
 *   - STATE_MACHINE_ARN set (AWS): a Step Functions StartExecution (the SDK is loaded on first use);
 *   - otherwise whatever the local stack registered with `setWorkflowStarter()` (the workflow's local runner);
 *   - neither: starting fails with a clear message.
 *
 * The starter must return quickly (API Gateway cuts integrations at 29 s): it only kicks the run off.
 * The run itself moves ai_jobs.status queued → running → succeeded | failed.
 */
import { runtimeEnv } from '../shared/env.js';

export interface WorkflowStartInput {
  readonly jobId: string;
  readonly goalId: string;
  readonly userId: string;
}

/** Who writes the drafts: Amazon Bedrock, or the local stack's offline stand-in (the web app says so). */
export type Drafter = 'bedrock' | 'local-stand-in';

export interface WorkflowStarter {
  /** @default 'bedrock' */
  readonly drafter?: Drafter;
  /** Starts a run; `executionArn` (or a local run id) is stored on the job. */
  start(input: WorkflowStartInput): Promise<{ executionArn: string }>;
}

let registered: WorkflowStarter | undefined;

/** Register the starter to use when STATE_MACHINE_ARN is not set (the local stack does this). */
export function setWorkflowStarter(starter: WorkflowStarter | undefined): void {
  registered = starter;
}

let stepFunctions: WorkflowStarter | undefined;

function stepFunctionsStarter(stateMachineArn: string): WorkflowStarter {
  return {
    async start(input) {
      const sfn = await import('@aws-sdk/client-sfn');
      const client = new sfn.SFNClient({});
      const out = await client.send(
        // The job id as execution name makes a retried start idempotent.
        new sfn.StartExecutionCommand({ stateMachineArn, name: input.jobId, input: JSON.stringify(input) }),
      );
      return { executionArn: out.executionArn! };
    },
  };
}

export function getWorkflowStarter(): WorkflowStarter {
  const arn = process.env.STATE_MACHINE_ARN;
  if (arn) return (stepFunctions ??= stepFunctionsStarter(arn));
  if (registered) return registered;
  runtimeEnv(); // surfaces any configuration error first
  throw new Error('no workflow starter: set STATE_MACHINE_ARN or register one with setWorkflowStarter()');
}
