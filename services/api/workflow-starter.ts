/**
 * How the AI router starts a drafting run: a Step Functions StartExecution on AWS (`stepFunctionsStarter`,
 * chosen by the Lambda entry from STATE_MACHINE_ARN), the workflow's local runner in the local stack
 * (local/workflow/local-services.ts). The entry hands the starter in through the context.
 *
 * The starter must return quickly (API Gateway cuts integrations at 29 s): it only kicks the run off.
 * The run itself moves ai_jobs.status queued → running → succeeded | failed.
 */
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

/** Starts executions of the state machine `stateMachineArn` (the SDK is loaded on first use). */
export function stepFunctionsStarter(stateMachineArn: string): WorkflowStarter {
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
