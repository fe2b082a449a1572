/**
 * Password reset e-mails through Amazon SES v2 (SendEmail). The sender, the site the link opens and the
 * optional configuration set come from the stage configuration as environment variables (not secrets).
 */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { tracer } from '../shared/tracer.js';
import { passwordResetMailText } from './password-reset-mail-text.js';
import { resetLink, type PasswordResetMailer } from './password-reset-mailer.js';

const settingsSchema = z.object({
  /** The From address; it must belong to an SES identity verified in the function's region. */
  RESET_MAIL_SENDER: z.email('RESET_MAIL_SENDER must be an e-mail address'),
  /** The site the link opens (the web app's origin). */
  SITE_URL: z.url({ protocol: /^https?$/, error: 'SITE_URL must be an http(s) URL' }),
  /** An SES configuration set to send with (event publishing, suppression); optional. */
  SES_CONFIGURATION_SET: z
    .string()
    .optional()
    .transform((v) => v || undefined),
});

export interface SesMailerSettings {
  readonly sender: string;
  readonly siteUrl: string;
  readonly configurationSet?: string;
}

/** The client is the seam unit tests mock (aws-sdk-client-mock). */
export function sesPasswordResetMailer(
  settings: SesMailerSettings,
  client: SESv2Client = new SESv2Client({}),
): PasswordResetMailer {
  return {
    async send(mail) {
      const { subject, body } = passwordResetMailText(resetLink(settings.siteUrl, mail.token), mail.language);
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: settings.sender,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: settings.configurationSet,
          Content: {
            Simple: {
              Subject: { Data: subject, Charset: 'UTF-8' },
              Body: { Text: { Data: body, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    },
  };
}

export function sesMailerFromEnv(env: NodeJS.ProcessEnv = process.env): PasswordResetMailer {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) throw new Error(`password reset mail: ${parsed.error.issues[0]!.message}`);
  const settings = parsed.data;
  return sesPasswordResetMailer(
    {
      sender: settings.RESET_MAIL_SENDER,
      siteUrl: settings.SITE_URL,
      configurationSet: settings.SES_CONFIGURATION_SET,
    },
    // Traced as X-Ray subsegments in Lambda (the tracer is off elsewhere).
    tracer.captureAWSv3Client(new SESv2Client({})),
  );
}
