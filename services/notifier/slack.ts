/** Posting to a Slack incoming webhook. The URL is a secret: it never appears in errors or logs. */

/** A Slack answer other than 2xx; carries the status, never the webhook URL. */
export class SlackPostError extends Error {
  override readonly name = 'SlackPostError';
  constructor(readonly status: number) {
    super(`Slack webhook answered HTTP ${status}`);
  }
}

/** Posts one message; throws on a non-2xx answer or after `timeoutMs`, so Lambda retries the event. */
export async function postToSlack(webhookUrl: string, text: string, timeoutMs = 10_000): Promise<void> {
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection can be reused.
  await response.text();
  if (!response.ok) throw new SlackPostError(response.status);
}
