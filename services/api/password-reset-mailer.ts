/**
 * How auth/requestPasswordReset sends its link: Amazon SES v2 on AWS (ses-password-reset-mailer.ts, chosen by
 * the Lambda entry from RESET_MAIL_SENDER), the local stack's outbox locally. The entry hands the mailer in
 * through the context.
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
