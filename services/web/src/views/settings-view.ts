/**
 * Settings: change the password (current + new), delete the account (password + an explicit confirmation),
 * sign out. A wrong password is shown on its form; only an ended session signs the person out.
 */
import { api, isWrongPassword } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { showFailure, submitHandler } from '../form-submit.js';
import { t } from '../i18n.js';
import type { Session } from '../session.js';
import { downloadDataForm } from './download-data.js';

export interface SettingsActions {
  /** The password changed: the API answered a new session (every other one ended). */
  readonly sessionReplaced: (session: Session) => void;
  /** Sign out of this browser, with a notice for the sign-in screen. */
  readonly signOut: (notice?: string) => void;
}

function passwordInput(id: string, autocomplete: string, minlength?: number): HTMLInputElement {
  return h('input', { id, type: 'password', autocomplete, required: true, minlength, maxlength: 200 });
}

/** A wrong password is said on the form; anything else goes to the app (an ended session signs out). */
function passwordFailure(context: AppContext): (failure: unknown, where: HTMLElement) => void {
  return (failure, where) =>
    isWrongPassword(failure) ? showFailure(failure, where) : context.reportError(failure, where);
}

export function renderSettingsView(main: HTMLElement, context: AppContext, actions: SettingsActions): void {
  const heading = h('h1', { id: 'settings-title' }, t('settings'));

  const current = passwordInput('settings-current-password', 'current-password');
  const next = passwordInput('settings-new-password', 'new-password', 8);
  next.setAttribute('aria-describedby', 'settings-password-hint');
  const changeError = h('p', { class: 'error', role: 'alert', hidden: true });
  const changed = h('p', { class: 'notice', role: 'status', hidden: true });
  const change = h('button', { type: 'submit' }, t('changePassword'));
  const changeForm = h(
    'form',
    {
      class: 'card settings-form',
      'aria-labelledby': 'change-password-title',
      onsubmit: submitHandler({
        button: change,
        error: changeError,
        hideFirst: [changed],
        report: passwordFailure(context),
        send: () =>
          api.auth.changePassword.mutate({ currentPassword: current.value, newPassword: next.value }),
        done: (session) => {
          actions.sessionReplaced(session);
          current.value = '';
          next.value = '';
          changed.textContent = t('passwordChanged');
          changed.hidden = false;
        },
      }),
    },
    h('h2', { id: 'change-password-title' }, t('changePassword')),
    h('label', { for: current.id }, t('currentPassword')),
    current,
    h('label', { for: next.id }, t('newPassword')),
    next,
    h('small', { id: 'settings-password-hint', class: 'hint' }, t('passwordHint')),
    changeError,
    changed,
    change,
  );

  const password = passwordInput('settings-delete-password', 'current-password');
  const confirmation = h('input', { id: 'settings-delete-confirm', type: 'checkbox', required: true });
  const deleteError = h('p', { class: 'error', role: 'alert', hidden: true });
  const remove = h('button', { type: 'submit', class: 'danger' }, t('deleteAccount'));
  const deleteForm = h(
    'form',
    {
      class: 'card settings-form',
      'aria-labelledby': 'delete-account-title',
      onsubmit: submitHandler({
        button: remove,
        error: deleteError,
        // `required` on the checkbox already stops the submit; this keeps it so without the browser's check.
        confirm: () => confirmation.checked,
        report: passwordFailure(context),
        send: () => api.auth.deleteAccount.mutate({ password: password.value }),
        done: () => actions.signOut(t('accountDeleted')),
        keepDisabled: true,
      }),
    },
    h('h2', { id: 'delete-account-title' }, t('deleteAccount')),
    h('p', { id: 'delete-account-help' }, t('deleteAccountHelp')),
    h(
      'p',
      { class: 'hint' },
      t('downloadBeforeDelete'),
      ' ',
      h('a', { href: '#download-data' }, t('downloadData')),
    ),
    h('label', { for: password.id }, t('password')),
    password,
    h(
      'p',
      { class: 'checkbox-field' },
      confirmation,
      h('label', { for: confirmation.id }, t('confirmDeleteAccount')),
    ),
    deleteError,
    remove,
  );

  const signOut = h(
    'section',
    { class: 'card settings-form', 'aria-labelledby': 'sign-out-title' },
    h('h2', { id: 'sign-out-title' }, t('signOut')),
    h('p', null, t('signOutHelp')),
    h('button', { type: 'button', class: 'secondary', onclick: () => actions.signOut() }, t('signOut')),
  );

  replace(
    main,
    h(
      'section',
      { class: 'settings', 'aria-labelledby': 'settings-title' },
      heading,
      h('p', { class: 'hint' }, `${context.session.user.name} · ${context.session.user.email}`),
      changeForm,
      downloadDataForm(context),
      deleteForm,
      signOut,
    ),
  );
  context.focusHeading(heading);
}
