import {
  type CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  type PipelineExecutionStatus,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { APPROVAL_ACTION_NAME } from '../pipeline-names.js';

export interface FollowExecutionProps {
  readonly client: CodePipelineClient;
  readonly pipelineName: string;
  readonly executionId: string;
  /** Wait between polls. */
  readonly pollIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Receives one line per progress change. */
  readonly log: (line: string) => void;
}

export interface ExecutionOutcome {
  readonly status: PipelineExecutionStatus;
  /** `Stage/Action: message` for each failed action of this run. */
  readonly failures: readonly string[];
  readonly statusSummary?: string;
}

const RUNNING: readonly string[] = ['InProgress', 'Stopping'];

/**
 * Follows one pipeline run until it ends, logging each stage of *this* run as its state changes
 * (stages still showing an earlier run are skipped) and saying when the run waits for approval.
 */
export async function followExecution(props: FollowExecutionProps): Promise<ExecutionOutcome> {
  const { client, pipelineName, executionId } = props;
  const shown = new Map<string, string>();
  for (;;) {
    const { pipelineExecution } = await client.send(
      new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId }),
    );
    const { stageStates = [] } = await client.send(new GetPipelineStateCommand({ name: pipelineName }));
    const ours = stageStates.filter((stage) => stage.latestExecution?.pipelineExecutionId === executionId);

    for (const stage of ours) {
      const line = describeStage(stage);
      if (shown.get(stage.stageName!) !== line) {
        shown.set(stage.stageName!, line);
        props.log(line);
      }
    }

    const status = pipelineExecution?.status ?? 'InProgress';
    if (!RUNNING.includes(status)) {
      return {
        status,
        failures: ours.flatMap(failedActions),
        statusSummary: pipelineExecution?.statusSummary,
      };
    }
    await props.sleep(props.pollIntervalMs);
  }
}

function describeStage(stage: StageState): string {
  const status = stage.latestExecution?.status ?? 'InProgress';
  const actions = stage.actionStates ?? [];
  const waiting = actions.find(
    (action) => action.actionName === APPROVAL_ACTION_NAME && action.latestExecution?.status === 'InProgress',
  );
  if (status === 'InProgress' && waiting) {
    return `  ${stage.stageName}: waiting for manual approval (${APPROVAL_ACTION_NAME}): approve or reject it in the CodePipeline console`;
  }
  const running = actions
    .filter((action) => action.latestExecution?.status === 'InProgress')
    .map((action) => action.actionName);
  return `  ${stage.stageName}: ${status}${status === 'InProgress' && running.length ? ` (${running.join(', ')})` : ''}`;
}

function failedActions(stage: StageState): string[] {
  return (stage.actionStates ?? [])
    .filter((action) => action.latestExecution?.status === 'Failed')
    .map((action) => {
      const why =
        action.latestExecution?.errorDetails?.message ?? action.latestExecution?.summary ?? 'failed';
      return `${stage.stageName}/${action.actionName}: ${why.split('\n')[0]}`;
    });
}
