/**
 * The task-generation workflow's steps, shared by the workflow stack (one Lambda task state per step) and
 * the local runner (which runs the same handler modules in process, keyed by state name). Pure data: no
 * runtime imports, so the stack can read it without pulling in handler code.
 */
export interface WorkflowStep {
  /** State name in the definition; the local runner's overrides are keyed by it. */
  readonly state: string;
  /** Handler module, relative to the repository root; exports `handler`. */
  readonly entry: string;
  /** Whether the step reads or writes the database (VPC access to it and the DB secret). */
  readonly usesDatabase: boolean;
  /** Whether the step calls Amazon Bedrock. */
  readonly usesModel: boolean;
}

export const workflowSteps = {
  startJob: {
    state: 'StartJob',
    entry: 'services/workflow/handlers/start-job.ts',
    usesDatabase: true,
    usesModel: false,
  },
  draftSubGoals: {
    state: 'DraftSubGoals',
    entry: 'services/workflow/handlers/draft-sub-goals.ts',
    usesDatabase: false,
    usesModel: true,
  },
  draftActions: {
    state: 'DraftActions',
    entry: 'services/workflow/handlers/draft-actions.ts',
    usesDatabase: false,
    usesModel: true,
  },
  saveDrafts: {
    state: 'SaveDrafts',
    entry: 'services/workflow/handlers/save-drafts.ts',
    usesDatabase: true,
    usesModel: false,
  },
  markJobFailed: {
    state: 'MarkJobFailed',
    entry: 'services/workflow/handlers/mark-job-failed.ts',
    usesDatabase: true,
    usesModel: false,
  },
} as const satisfies Record<string, WorkflowStep>;

/** The Map state running `draftActions` once per sub-goal, in parallel. */
export const draftActionsMapState = 'DraftActionsForEachSubGoal';

/**
 * Error names the steps throw (the Lambda `errorType`), so the definition can retry the transient ones
 * and the failure step can turn each into a readable reason.
 */
export const workflowErrors = {
  /** Bedrock answered 429 / ThrottlingException: retried with backoff and jitter. */
  modelThrottled: 'ModelThrottled',
  /** Bedrock 5xx or unreachable: retried with backoff and jitter. */
  modelUnavailable: 'ModelUnavailable',
  /** No answer within the request timeout: retried once. */
  modelTimeout: 'ModelTimeout',
  /** The answer broke the schema (count, empty, duplicate, too long, not JSON): asked again, never written. */
  modelAnswerInvalid: 'ModelAnswerInvalid',
  /** Bedrock refused the request itself (access, validation, unknown model): not retried. */
  modelRequestRejected: 'ModelRequestRejected',
  /** Connection-level database failure: retried. */
  databaseUnavailable: 'DatabaseUnavailable',
  /** The goal was deleted (or the job no longer runnable) before the workflow got to it. */
  goalNotFound: 'GoalNotFound',
  /** Any other database failure (a constraint, a statement error): not retried, nothing written. */
  databaseError: 'DatabaseError',
} as const;

export type WorkflowErrorName = (typeof workflowErrors)[keyof typeof workflowErrors];
