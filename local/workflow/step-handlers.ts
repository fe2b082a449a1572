/**
 * The Lambda task states' handlers, run in process by the local runner. Errors are reshaped the way
 * Lambda reports them to Step Functions (Error = errorType, Cause = JSON with errorMessage), so the
 * definition's Retry/Catch and the failure step see exactly what they see in AWS.
 */
import type { WorkflowDependencies } from '../../services/workflow/dependencies.js';
import { draftActionsStep } from '../../services/workflow/handlers/draft-actions.js';
import { draftSubGoalsStep } from '../../services/workflow/handlers/draft-sub-goals.js';
import { markJobFailedStep } from '../../services/workflow/handlers/mark-job-failed.js';
import { saveDraftsStep } from '../../services/workflow/handlers/save-drafts.js';
import { startJobStep } from '../../services/workflow/handlers/start-job.js';
import { workflowSteps } from '../../services/workflow/steps.js';

type StepHandler = (input: never) => Promise<unknown>;
export type LocalTaskHandler = (input: unknown) => Promise<never>;

/** The same modules the workflow stack bundles (`workflowSteps[*].entry`), keyed by step. */
const stepFactories: Record<keyof typeof workflowSteps, (dependencies: WorkflowDependencies) => StepHandler> =
  {
    startJob: startJobStep,
    draftSubGoals: draftSubGoalsStep,
    draftActions: draftActionsStep,
    saveDrafts: saveDraftsStep,
    markJobFailed: markJobFailedStep,
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

/** State name → handler, for every step of the workflow, composed with the local dependencies. */
export function stepHandlers(dependencies: WorkflowDependencies): Record<string, LocalTaskHandler> {
  return Object.fromEntries(
    Object.entries(workflowSteps).map(([key, step]) => [
      step.state,
      asLambda(stepFactories[key as keyof typeof workflowSteps](dependencies)),
    ]),
  );
}
