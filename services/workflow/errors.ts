import type { WorkflowErrorName } from './steps.js';

/**
 * An error a step throws on purpose; its `name` becomes the Lambda `errorType`, which the state machine's
 * Retry and Catch match on.
 */
export class WorkflowError extends Error {
  constructor(
    override readonly name: WorkflowErrorName,
    message: string,
  ) {
    super(message);
  }
}
