import { workflowErrors } from './steps.js';

const nothingChanged = 'Nothing in your chart was changed.';

/** What the user reads in `ai/status` for each way the workflow can fail (never internal detail). */
const reasons: Record<string, string> = {
  [workflowErrors.modelThrottled]: `The AI service is busy right now. ${nothingChanged} Please try again in a few minutes.`,
  [workflowErrors.modelUnavailable]: `The AI service is unavailable right now. ${nothingChanged} Please try again later.`,
  [workflowErrors.modelTimeout]: `The AI service took too long to answer. ${nothingChanged} Please try again.`,
  [workflowErrors.modelAnswerInvalid]: `The AI's answer did not fit the chart, so it was discarded. ${nothingChanged} Please try again.`,
  [workflowErrors.modelRequestRejected]: `The AI service refused the request. ${nothingChanged} Please contact support if this persists.`,
  [workflowErrors.databaseUnavailable]: `The drafts could not be saved because the database was unreachable. ${nothingChanged} Please try again.`,
  [workflowErrors.databaseError]: `The drafts could not be saved. ${nothingChanged} Please try again.`,
  [workflowErrors.goalNotFound]: 'The goal was deleted or changed before the drafts were ready.',
  'States.Timeout': `A step of the generation took too long. ${nothingChanged} Please try again.`,
};

/** The readable reason for a caught Step Functions error (its `Error` field). */
export function failureReason(errorName: string): string {
  return reasons[errorName] ?? `The generation failed. ${nothingChanged} Please try again.`;
}
