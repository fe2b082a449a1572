/**
 * The Lambda task states' handlers, run in process by the local runner. Errors are reshaped the way
 * Lambda reports them to Step Functions (Error = errorType, Cause = JSON with errorMessage), so the
 * definition's Retry/Catch and the failure step see exactly what they see in AWS.
 */
import { handler as draftActions } from '../../services/workflow/handlers/draft-actions.js';
import { handler as draftSubGoals } from '../../services/workflow/handlers/draft-sub-goals.js';
import { handler as markJobFailed } from '../../services/workflow/handlers/mark-job-failed.js';
import { handler as saveDrafts } from '../../services/workflow/handlers/save-drafts.js';
import { handler as startJob } from '../../services/workflow/handlers/start-job.js';
import { workflowSteps } from '../../services/workflow/steps.js';

type StepHandler = (input: never) => Promise<unknown>;
export type LocalTaskHandler = (input: unknown) => Promise<never>;

/** The same modules the workflow stack bundles (`workflowSteps[*].entry`), keyed by step. */
const handlers: Record<keyof typeof workflowSteps, StepHandler> = {
  startJob,
  draftSubGoals,
  draftActions,
  saveDrafts,
  markJobFailed,
};

export class LambdaStyleError extends Error {
  constructor(errorType: string, errorMessage: string) {
    super(JSON.stringify({ errorType, errorMessage }));
    this.name = errorType;
  }
}

function asLambda(handler: StepHandler): LocalTaskHandler {
  return async (input) => {
    try {
      // A deep copy: in AWS the handler gets its own deserialized payload.
      return JSON.parse(JSON.stringify((await handler(structuredClone(input) as never)) ?? null)) as never;
    } catch (error) {
      const { name = 'Error', message = String(error) } = error as Error;
      throw new LambdaStyleError(name, message);
    }
  };
}

/** State name → handler, for every step of the workflow. */
export function stepHandlers(): Record<string, LocalTaskHandler> {
  return Object.fromEntries(
    Object.entries(workflowSteps).map(([key, step]) => [
      step.state,
      asLambda(handlers[key as keyof typeof workflowSteps]),
    ]),
  );
}
