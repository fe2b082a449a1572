/**
 * The SES v2 mailer, with the SDK client mocked at its edge: one SendEmail from the configured sender to
 * the account's address, the link to the configured site in the body, the configuration set when given;
 * chosen from the environment when RESET_MAIL_SENDER is set, refusing a bad setting by name.
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { apiDependenciesFromEnv } from '../../../services/api/lambda-dependencies.js';
import { sesPasswordResetMailer } from '../../../services/api/ses-password-reset-mailer.js';

const ses = mockClient(SESv2Client);

beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const token = 'abc-DEF_123';

it('sends one plain-text mail from the sender with the reset link, in the asked language', async () => {
  const mailer = sesPasswordResetMailer(
    { sender: 'no-reply@mail.example.com', siteUrl: 'https://app.example.com/' },
    new SESv2Client({ region: 'ap-northeast-1' }),
  );
  await mailer.send({ to: 'ann@example.com', token, language: 'ja' });

  const calls = ses.commandCalls(SendEmailCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0]!.args[0].input;
  expect(input).toMatchObject({
    FromEmailAddress: 'no-reply@mail.example.com',
    Destination: { ToAddresses: ['ann@example.com'] },
    Content: { Simple: { Subject: { Charset: 'UTF-8' }, Body: { Text: { Charset: 'UTF-8' } } } },
  });
  expect(input.ConfigurationSetName).toBeUndefined();
  const body = input.Content!.Simple!.Body!.Text!.Data!;
  expect(body).toContain(`https://app.example.com/#/reset-password?token=${token}`);
  expect(body).toContain('30分');
  expect(input.Content!.Simple!.Subject!.Data).toContain('パスワード');
});

it('sends with the configuration set when one is configured', async () => {
  const mailer = sesPasswordResetMailer(
    { sender: 'no-reply@example.com', siteUrl: 'https://app.example.com', configurationSet: 'gm-mail' },
    new SESv2Client({ region: 'ap-northeast-1' }),
  );
  await mailer.send({ to: 'bob@example.com', token, language: 'en' });
  const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
  expect(input.ConfigurationSetName).toBe('gm-mail');
  expect(input.Content!.Simple!.Body!.Text!.Data).toContain('30 minutes');
});

it('lets an SES failure reach the caller (the router logs it and answers alike)', async () => {
  ses.on(SendEmailCommand).rejects(new Error('MessageRejected: Email address is not verified'));
  const mailer = sesPasswordResetMailer(
    { sender: 'no-reply@example.com', siteUrl: 'https://app.example.com' },
    new SESv2Client({ region: 'ap-northeast-1' }),
  );
  await expect(mailer.send({ to: 'c@example.com', token, language: 'en' })).rejects.toThrow(/not verified/);
});

it('is what the API uses when RESET_MAIL_SENDER is set, reading SITE_URL', async () => {
  vi.stubEnv('RESET_MAIL_SENDER', 'no-reply@example.com');
  vi.stubEnv('SITE_URL', 'https://staging.example.com');
  vi.stubEnv('AWS_REGION', 'ap-northeast-1');
  const mailer = await apiDependenciesFromEnv().passwordResetMailer();
  await mailer.send({ to: 'd@example.com', token, language: 'en' });
  const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
  expect(input.FromEmailAddress).toBe('no-reply@example.com');
  expect(input.Content!.Simple!.Body!.Text!.Data).toContain('https://staging.example.com/#/reset-password?');
});
