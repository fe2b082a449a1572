/**
 * The Slack webhook URL, read from Secrets Manager at run time by the secret's ARN (or name) and
 * cached per container. The secret holds the URL itself, or JSON `{"url": "…"}`.
 */
import * as z from 'zod';
import { getSecretString } from '../shared/secrets.js';

/** A misconfigured secret or environment: one line naming the problem, never the secret's value. */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}

const webhookUrl = z.url({ protocol: /^https$/ });

/** Reads the webhook URL from `SLACK_WEBHOOK_SECRET_ID` (an ARN or name; set by the stack). */
export async function slackWebhookUrl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secretId = env.SLACK_WEBHOOK_SECRET_ID;
  if (!secretId) throw new WebhookConfigError('environment variable SLACK_WEBHOOK_SECRET_ID is missing');
  return parseWebhookSecret(await getSecretString(secretId), secretId);
}

/** The URL inside a secret string (plain or `{"url": …}`); throws naming the secret, not its value. */
export function parseWebhookSecret(secret: string, secretId: string): string {
  let candidate = secret.trim();
  if (candidate.startsWith('{')) {
    try {
      candidate = String((JSON.parse(candidate) as { url?: unknown }).url ?? '');
    } catch {
      throw new WebhookConfigError(`secret ${secretId} is neither a URL nor JSON with a "url" key`);
    }
  }
  if (!webhookUrl.safeParse(candidate).success) {
    throw new WebhookConfigError(`secret ${secretId} does not hold an https Slack webhook URL`);
  }
  return candidate;
}
