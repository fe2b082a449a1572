/**
 * One Slack text per SNS message: CloudWatch alarms and CodePipeline events get their own readable
 * layout; anything else (e.g. a budget or a test message) is passed on with its subject.
 */
import { formatAlarmNotification } from './alarm-message.js';
import { type BakeSettings, formatPipelineEvent } from './pipeline-event.js';

/** Slack rejects very long texts; alarm reasons can embed whole datapoint lists. */
const MAX_TEXT = 3000;

/**
 * The Slack text for one SNS message, or null when it is a notification we deliberately do not
 * announce (e.g. a pipeline event other than started / succeeded / failed / approval).
 */
export function formatMessage(
  subject: string | null | undefined,
  message: string,
  bake?: BakeSettings,
): string | null {
  const alarm = formatAlarmNotification(message);
  if (alarm !== null) return truncate(alarm);
  if (isPipelineNotification(message)) {
    const pipeline = formatPipelineEvent(message, bake);
    return pipeline === null ? null : truncate(pipeline);
  }
  return truncate(subject ? `*${subject}*\n${message}` : message);
}

function isPipelineNotification(message: string): boolean {
  try {
    const json: unknown = JSON.parse(message);
    return (
      typeof json === 'object' &&
      json !== null &&
      (json as { source?: unknown }).source === 'aws.codepipeline'
    );
  } catch {
    return false;
  }
}

function truncate(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}
