/** The password reset e-mail's subject and plain-text body, in the language the person uses the app in. */
import { resetLinkLifetimeMinutes } from '../db/password-reset-tokens.js';
import type { MailLanguage } from './password-reset-mailer.js';

export interface MailText {
  readonly subject: string;
  readonly body: string;
}

export function passwordResetMailText(link: string, language: MailLanguage): MailText {
  const minutes = resetLinkLifetimeMinutes;
  return language === 'ja'
    ? {
        subject: 'ゴール・マンダラ：パスワードの再設定',
        body: [
          'パスワードを再設定するには、次のリンクを開いてください。',
          '',
          link,
          '',
          `リンクは${minutes}分間、1回だけ使えます。お申し込みに心当たりがなければ、このメールは無視してください。`,
        ].join('\n'),
      }
    : {
        subject: 'Goal Mandala: reset your password',
        body: [
          'To set a new password, open this link:',
          '',
          link,
          '',
          `The link works once, for ${minutes} minutes. If you did not ask for it, ignore this e-mail.`,
        ].join('\n'),
      };
}
