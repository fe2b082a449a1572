/**
 * The page a password reset e-mail links to (`#/reset-password?token=…`): set a new password, then be
 * signed in. The token stays in the fragment, which the browser never sends to a server (no log keeps it).
 */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import type { Session } from '../session.js';

/** The token of a reset link's fragment, or null when `hash` is not the reset page. */
export function resetTokenOf(hash: string): string | null {
  const match = /^#\/reset-password(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  return new URLSearchParams(match[1] ?? '').get('token') ?? '';
}

export function renderResetPasswordView(
  main: HTMLElement,
  token: string,
  onSignedIn: (session: Session) => void,
): void {
  const heading = h('h1', { id: 'reset-title' }, t('setNewPassword'));
  const password = h('input', {
    id: 'reset-new-password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 8,
    maxlength: 200,
    'aria-describedby': 'reset-password-hint',
  });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit' }, t('savePassword'));
  const form = h(
    'form',
    {
      class: 'card auth-form',
      'aria-labelledby': 'reset-title',
      // An invalid, used or expired link is a 400 worded for it (error-messages.ts), never a sign-out.
      onsubmit: submitHandler({
        button: submit,
        error,
        send: () => api.auth.resetPassword.mutate({ token, newPassword: password.value }),
        done: onSignedIn,
        keepDisabled: true,
      }),
    },
    heading,
    h('label', { for: password.id }, t('newPassword')),
    password,
    h('small', { id: 'reset-password-hint', class: 'hint' }, t('passwordHint')),
    error,
    submit,
    h('p', { class: 'switch-mode' }, h('a', { href: '#/' }, t('backToSignIn'))),
  );
  replace(main, form);
  password.focus();
}
