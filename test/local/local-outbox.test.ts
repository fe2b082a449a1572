/**
 * The local stack's outbox: auth/requestPasswordReset writes one console line with the link and lists the
 * mail at /_local/outbox, whose link opens the web app's reset page and resets the password.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalOutbox } from '../../local/local-outbox.js';
import { logger } from '../../services/shared/logger.js';
import { startTestLocalStack, type TestLocalStack } from '../helpers/local-stack.js';

let stack: TestLocalStack;
beforeAll(async () => {
  logger.setLogLevel('SILENT');
  stack = await startTestLocalStack({ workflow: false });
});
afterAll(async () => {
  await stack?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${stack.url}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('lists the reset mail at /_local/outbox with a link that resets the password', async () => {
  await post('auth/signUp', { email: 'outbox@example.com', password: 'password123', name: 'O' });
  expect((await post('auth/requestPasswordReset', { email: 'outbox@example.com' })).status).toBe(200);

  const page = await fetch(`${stack.url}/_local/outbox`);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  const link = /<a href="([^"]+)">/.exec(html)?.[1]?.replaceAll('&#38;', '&');
  expect(link).toMatch(new RegExp(`^${stack.url}/#/reset-password\\?token=`));
  expect(html).toContain('outbox@example.com');

  const token = new URL(link!.replace('#/reset-password', 'reset-password')).searchParams.get('token');
  const reset = await post('auth/resetPassword', { token, newPassword: 'a new password' });
  expect(reset.status).toBe(200);
  const signIn = await post('auth/signIn', { email: 'outbox@example.com', password: 'a new password' });
  expect(signIn.status).toBe(200);
});

it('prints one line with the link, keeps the newest first and escapes what it shows', async () => {
  const lines: string[] = [];
  const outbox = createLocalOutbox(
    () => 'http://localhost:1234',
    (line) => lines.push(line),
  );
  await outbox.mailer.send({ to: 'a@example.com', token: 'first', language: 'en' });
  await outbox.mailer.send({ to: '<b>@example.com', token: 'second', language: 'ja' });
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain('http://localhost:1234/#/reset-password?token=first');
  expect(outbox.mails().map((mail) => mail.to)).toEqual(['<b>@example.com', 'a@example.com']);
  expect(outbox.html()).not.toContain('<b>@');
  expect(outbox.html()).toContain('&#60;b&#62;@example.com');
});
