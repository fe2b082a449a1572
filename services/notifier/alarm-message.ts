/**
 * Turns a CloudWatch alarm notification (the JSON CloudWatch publishes to SNS) into one readable
 * Slack message: state, alarm name, what it watches, why it changed, and a console link.
 * Anything else gives null, so the notifier can try its other formatters.
 */
import * as z from 'zod';
import { parseJsonMessage } from './parse-json-message.js';

const alarmNotification = z.looseObject({
  AlarmName: z.string(),
  AlarmDescription: z.string().nullish(),
  NewStateValue: z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']),
  OldStateValue: z.string().optional(),
  NewStateReason: z.string().optional(),
  StateChangeTime: z.string().optional(),
  Region: z.string().optional(),
  AlarmArn: z.string().optional(),
  Trigger: z
    .looseObject({
      MetricName: z.string().optional(),
      Namespace: z.string().optional(),
      Statistic: z.string().nullish(),
      Threshold: z.number().optional(),
      ComparisonOperator: z.string().optional(),
    })
    .optional(),
});

export type AlarmNotification = z.infer<typeof alarmNotification>;

const stateIcon: Record<AlarmNotification['NewStateValue'], string> = {
  ALARM: ':rotating_light:',
  OK: ':white_check_mark:',
  INSUFFICIENT_DATA: ':grey_question:',
};

/** Parses an SNS message body; null when it is not a CloudWatch alarm notification. */
export function parseAlarmNotification(message: string): AlarmNotification | null {
  return parseJsonMessage(alarmNotification, message);
}

/** The Slack text for a CloudWatch alarm notification, or null when the message is not one. */
export function formatAlarmNotification(message: string): string | null {
  const alarm = parseAlarmNotification(message);
  if (!alarm) return null;
  const title = `${stateIcon[alarm.NewStateValue]} *${alarm.NewStateValue}* ${alarmLink(alarm)}`;
  const lines = [alarm.OldStateValue ? `${title} (was ${alarm.OldStateValue})` : title];
  // A bake alarm (pipeline/stage-bake.ts) in ALARM is why a release is being rolled back.
  if (alarm.NewStateValue === 'ALARM' && /-bake-/.test(alarm.AlarmName)) {
    lines.unshift(
      ':rewind: *Bake failed*: CodePipeline rolls the stage back to its last successful revision.',
    );
  }
  if (alarm.AlarmDescription) lines.push(alarm.AlarmDescription);
  const watched = describeTrigger(alarm);
  if (watched) lines.push(`Watching ${watched}`);
  if (alarm.NewStateReason) lines.push(`> ${alarm.NewStateReason}`);
  if (alarm.StateChangeTime) lines.push(`_${alarm.StateChangeTime}_`);
  return lines.join('\n');
}

function alarmLink(alarm: AlarmNotification): string {
  // `Region` is a display name ("Asia Pacific (Tokyo)"); the console URL needs the code from the ARN.
  const region = alarm.AlarmArn?.split(':')[3];
  if (!region) return alarm.AlarmName;
  const url =
    `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}` +
    `#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`;
  return `<${url}|${alarm.AlarmName}>`;
}

const operators: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '≥',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

function describeTrigger(alarm: AlarmNotification): string | null {
  const trigger = alarm.Trigger;
  if (!trigger?.MetricName) return null;
  const metric = `${trigger.Namespace ? `${trigger.Namespace} ` : ''}${trigger.MetricName}`;
  const statistic = trigger.Statistic ? ` (${trigger.Statistic.toLowerCase()})` : '';
  const operator = trigger.ComparisonOperator ? operators[trigger.ComparisonOperator] : undefined;
  const threshold = operator && trigger.Threshold !== undefined ? ` ${operator} ${trigger.Threshold}` : '';
  return `${metric}${statistic}${threshold}`;
}
