/** The signed-out screen: sign in (first), create an account, or ask for a password reset link. */
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { submitHandler } from '../form-submit.js';
import { language, t } from '../i18n.js';
import type { Session } from '../session.js';

export interface AuthViewOptions {
  /** A message to show above the form (e.g. "your session has ended"). */
  readonly notice: string | null;
  readonly onSignedIn: (session: Session) => void;
}

export function renderAuthView(
  main: HTMLElement,
  options: AuthViewOptions,
  mode: 'signIn' | 'signUp' = 'signIn',
): void {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const email = h('input', {
    id: 'auth-email',
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    required: true,
  });
  const password = h('input', {
    id: 'auth-password',
    type: 'password',
    name: 'password',
    minlength: 8,
    autocomplete: mode === 'signIn' ? 'current-password' : 'new-password',
    required: true,
    'aria-describedby': mode === 'signUp' ? 'auth-password-hint' : null,
  });
  const name = h('input', {
    id: 'auth-name',
    type: 'text',
    name: 'name',
    autocomplete: 'name',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, mode === 'signIn' ? t('signIn') : t('signUp'));

  const form = h(
    'form',
    {
      class: 'card auth-form',
      'aria-labelledby': 'auth-title',
      // A 401 here is a wrong password, said on the form (the default), never a sign-out.
      onsubmit: submitHandler({
        button: submit,
        error,
        send: () =>
          mode === 'signIn'
            ? api.auth.signIn.mutate({ email: email.value, password: password.value })
            : api.auth.signUp.mutate({ email: email.value, password: password.value, name: name.value }),
        done: options.onSignedIn,
        keepDisabled: true,
      }),
    },
    h('h1', { id: 'auth-title' }, mode === 'signIn' ? t('signIn') : t('signUp')),
    options.notice && h('p', { class: 'notice', role: 'status' }, options.notice),
    mode === 'signUp' && h('label', { for: 'auth-name' }, t('name')),
    mode === 'signUp' && name,
    h('label', { for: 'auth-email' }, t('email')),
    email,
    h('label', { for: 'auth-password' }, t('password')),
    password,
    mode === 'signUp' && h('small', { id: 'auth-password-hint', class: 'hint' }, t('passwordHint')),
    error,
    submit,
    mode === 'signIn' &&
      h(
        'p',
        { class: 'switch-mode' },
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: () => renderForgotPassword(main, options, email.value),
          },
          t('forgotPassword'),
        ),
      ),
    h(
      'p',
      { class: 'switch-mode' },
      mode === 'signIn' ? t('noAccount') : t('haveAccount'),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () =>
            renderAuthView(main, { ...options, notice: null }, mode === 'signIn' ? 'signUp' : 'signIn'),
        },
        mode === 'signIn' ? t('signUp') : t('signIn'),
      ),
    ),
  );

  replace(main, h('section', { class: 'hero' }, h('p', { class: 'tagline' }, t('tagline'))), form);
  (mode === 'signUp' ? name : email).focus();
}

/** "Forgot password?": the address gets a reset link; the answer is the same whether it has an account. */
function renderForgotPassword(main: HTMLElement, options: AuthViewOptions, typed: string): void {
  const email = h('input', {
    id: 'forgot-email',
    type: 'email',
    name: 'email',
    autocomplete: 'email',
    required: true,
    value: typed,
  });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const sent = h('p', { class: 'notice', role: 'status', hidden: true });
  const submit = h('button', { type: 'submit' }, t('sendResetLink'));
  const form = h(
    'form',
    {
      class: 'card auth-form',
      'aria-labelledby': 'forgot-title',
      onsubmit: submitHandler({
        button: submit,
        error,
        send: () => api.auth.requestPasswordReset.mutate({ email: email.value, language: language() }),
        done: () => {
          sent.textContent = t('resetLinkSent', { email: email.value.trim() });
          sent.hidden = false;
        },
      }),
    },
    h('h1', { id: 'forgot-title' }, t('resetRequestTitle')),
    h('p', { id: 'forgot-help' }, t('resetRequestHelp')),
    h('label', { for: 'forgot-email' }, t('email')),
    email,
    error,
    sent,
    submit,
    h(
      'p',
      { class: 'switch-mode' },
      h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          onclick: () => renderAuthView(main, { ...options, notice: null }),
        },
        t('backToSignIn'),
      ),
    ),
  );
  replace(main, form);
  email.focus();
}
