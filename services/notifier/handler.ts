/**
 * The Slack notifier: subscribed to an SNS topic (alarms, pipeline events), it posts each message to
 * Slack. A failed post throws, so Lambda retries the event and the function's error alarm fires.
 */
import type { SNSEvent } from 'aws-lambda';
import { runtimeEnv } from '../shared/env.js';
import { logger, withLambdaContext } from '../shared/logger.js';
import { formatMessage } from './format-message.js';
import { postToSlack } from './slack.js';
import { slackWebhookUrl } from './webhook-url.js';

export const handler = withLambdaContext(async (event: SNSEvent): Promise<{ posted: number }> => {
  const webhookUrl = await slackWebhookUrl();
  const { BAKED_STAGE, BAKE_MINUTES } = runtimeEnv();
  const bake = BAKED_STAGE && BAKE_MINUTES ? { stageName: BAKED_STAGE, minutes: BAKE_MINUTES } : undefined;
  let posted = 0;
  for (const record of event.Records) {
    const text = formatMessage(record.Sns.Subject, record.Sns.Message, bake);
    if (text === null) {
      logger.info('notification not announced', { messageId: record.Sns.MessageId });
      continue;
    }
    await postToSlack(webhookUrl, text);
    posted += 1;
  }
  logger.info('posted to Slack', { posted });
  return { posted };
});
