/**
 * How auth/requestPasswordReset sends its link, chosen once per container:
 *   - RESET_MAIL_SENDER set (AWS): Amazon SES v2 (ses-password-reset-mailer.ts, loaded on first use);
 *   - otherwise whatever was registered with `setPasswordResetMailer()` (the local stack's outbox, tests);
 *   - neither: sending fails with a clear message.
 */
export type MailLanguage = 'en' | 'ja';

export interface PasswordResetMail {
  readonly to: string;
  /** The single-use token; the mailer puts it in a link to its site (`resetLink`). */
  readonly token: string;
  readonly language: MailLanguage;
}

export interface PasswordResetMailer {
  send(mail: PasswordResetMail): Promise<void>;
}

/**
 * The web app's reset page for `token`. The token rides in the fragment (`#/reset-password?token=…`):
 * browsers never send a fragment to the server, so it stays out of CloudFront's and API Gateway's logs
 * and out of Referer headers.
 */
export function resetLink(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/#/reset-password?token=${encodeURIComponent(token)}`;
}

let registered: PasswordResetMailer | undefined;

/** Register the mailer to use when RESET_MAIL_SENDER is not set (the local stack and tests do this). */
export function setPasswordResetMailer(mailer: PasswordResetMailer | undefined): void {
  registered = mailer;
}

let ses: Promise<PasswordResetMailer> | undefined;

export function getPasswordResetMailer(): Promise<PasswordResetMailer> {
  if (process.env.RESET_MAIL_SENDER) {
    return (ses ??= import('./ses-password-reset-mailer.js').then((module) => module.sesMailerFromEnv()));
  }
  if (registered) return Promise.resolve(registered);
  return Promise.reject(
    new Error(
      'no password reset mailer: set RESET_MAIL_SENDER or register one with setPasswordResetMailer()',
    ),
  );
}
