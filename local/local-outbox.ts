/**
 * The local stack's stand-in for Amazon SES: password reset mails are printed to the console (one line
 * with the link) and kept in memory, newest first, for the outbox page (GET /_local/outbox) where a
 * developer follows the link.
 */
import { passwordResetMailText } from '../services/api/password-reset-mail-text.js';
import { resetLink, type PasswordResetMailer } from '../services/api/password-reset-mailer.js';

export const outboxPath = '/_local/outbox';

/** Mails kept: enough to find the last few, bounded so a long-running stack does not grow. */
const kept = 50;

export interface OutboxMail {
  readonly to: string;
  readonly subject: string;
  readonly link: string;
  readonly body: string;
  readonly sentAt: Date;
}

export interface LocalOutbox {
  readonly mailer: PasswordResetMailer;
  /** Newest first. */
  mails(): readonly OutboxMail[];
  /** The outbox page. */
  html(): string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `siteUrl`: the web app the links open (the local stack's own address). */
export function createLocalOutbox(
  siteUrl: () => string,
  log: (line: string) => void = console.log,
): LocalOutbox {
  const mails: OutboxMail[] = [];
  return {
    mailer: {
      async send(mail) {
        const link = resetLink(siteUrl(), mail.token);
        const { subject, body } = passwordResetMailText(link, mail.language);
        mails.unshift({ to: mail.to, subject, link, body, sentAt: new Date() });
        mails.length = Math.min(mails.length, kept);
        log(`local mail to ${mail.to}: ${subject}: ${link}  (outbox: ${siteUrl()}${outboxPath})`);
      },
    },
    mails: () => mails,
    html: () => {
      const items = mails.map(
        (mail) => `<li><p><strong>${escapeHtml(mail.subject)}</strong> to ${escapeHtml(mail.to)},
  <time>${mail.sentAt.toISOString()}</time></p>
  <p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.link)}</a></p>
  <pre>${escapeHtml(mail.body)}</pre></li>`,
      );
      return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local outbox</title></head>
<body><main><h1>Local outbox</h1>
<p>Mails the local stack would have sent, newest first (kept in memory until it stops).</p>
${items.length ? `<ol>${items.join('\n')}</ol>` : '<p>No mail yet.</p>'}
</main></body></html>`;
    },
  };
}
