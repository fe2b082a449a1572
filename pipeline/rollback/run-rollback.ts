import { type CodePipelineClient, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import type { Readable, Writable } from 'node:stream';
import { SOURCE_ACTION_NAME } from '../pipeline-names.js';
import { confirm } from './confirm.js';
import { followExecution } from './follow-execution.js';
import { resolveTag } from './resolve-tag.js';
import { RollbackError, describeAwsError } from './rollback-error.js';

export interface RollbackRequest {
  readonly tag: string;
  readonly pipelineName: string;
  readonly region: string;
  /** Skip the confirmation prompt. */
  readonly yes: boolean;
  /** The git repository the tag is resolved in. */
  readonly cwd: string;
  readonly pollIntervalMs: number;
}

export interface RollbackIo {
  readonly client: CodePipelineClient;
  readonly input: Readable;
  readonly output: Writable;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Rollback by redeploying a tagged commit: resolve the tag, say what will happen, confirm, start the
 * pipeline with a source revision override and follow the run to its end.
 * Returns the exit code (0 only when the run succeeded); operator mistakes throw RollbackError.
 */
export async function runRollback(request: RollbackRequest, io: RollbackIo): Promise<number> {
  const say = (line: string) => void io.output.write(`${line}\n`);
  const { pipelineName, region } = request;
  const target = await resolveTag(request.tag, request.cwd);

  say(`Rollback: tag ${target.tag} is commit ${target.commit}`);
  say(`  "${target.subject}" (${target.date})`);
  say(`This starts pipeline "${pipelineName}" (${region}) on that commit instead of the branch head:`);
  say('  it is built and tested again, deployed to Staging and health-checked, then waits for your');
  say('  approval before Production. If the tagged commit defines the pipeline differently, the pipeline');
  say('  first updates itself to that definition (see "Rolling back" in docs/runbook.md).');
  if (!request.yes && !(await confirm('Start the rollback?', io.input, io.output))) {
    say('Not confirmed: nothing was started.');
    return 1;
  }

  const aws = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw describeAwsError(error, pipelineName, region);
    }
  };

  const { pipelineExecutionId } = await aws(() =>
    io.client.send(
      new StartPipelineExecutionCommand({
        name: pipelineName,
        sourceRevisions: [
          { actionName: SOURCE_ACTION_NAME, revisionType: 'COMMIT_ID', revisionValue: target.commit },
        ],
      }),
    ),
  );
  if (!pipelineExecutionId) throw new RollbackError('CodePipeline did not return an execution id');
  say(`Started execution ${pipelineExecutionId}: ${consoleUrl(pipelineName, pipelineExecutionId, region)}`);

  const outcome = await aws(() =>
    followExecution({
      client: io.client,
      pipelineName,
      executionId: pipelineExecutionId,
      pollIntervalMs: request.pollIntervalMs,
      sleep: io.sleep,
      log: say,
    }),
  );

  if (outcome.status === 'Succeeded') {
    say(`Rollback to ${target.tag} (${target.commit.slice(0, 7)}) succeeded: Staging and Production run it.`);
    return 0;
  }
  say(`Rollback to ${target.tag} did not complete: the run ended ${outcome.status}.`);
  for (const failure of outcome.failures) say(`  ${failure}`);
  if (outcome.statusSummary) say(`  ${outcome.statusSummary}`);
  if (outcome.status === 'Superseded') {
    say('  A newer run took over: a push to the branch, or the pipeline restarting after it updated itself');
    say(
      '  to the tagged definition (that restart builds the branch head). See "Rolling back" in docs/runbook.md.',
    );
  }
  return 1;
}

function consoleUrl(pipelineName: string, executionId: string, region: string): string {
  return (
    `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipelineName)}` +
    `/executions/${executionId}/timeline?region=${region}`
  );
}
