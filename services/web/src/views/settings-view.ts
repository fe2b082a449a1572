/**
 * Settings: change the password (current + new), delete the account (password + an explicit confirmation),
 * sign out. A wrong password is shown on its form; only an ended session signs the person out.
 */
import { api, errorMessage, isWrongPassword } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import type { Session } from '../session.js';

export interface SettingsActions {
  /** The password changed: the API answered a new session (every other one ended). */
  readonly sessionReplaced: (session: Session) => void;
  /** Sign out of this browser, with a notice for the sign-in screen. */
  readonly signOut: (notice?: string) => void;
}

function passwordInput(id: string, autocomplete: string, minlength?: number): HTMLInputElement {
  return h('input', { id, type: 'password', autocomplete, required: true, minlength, maxlength: 200 });
}

/** Shows a failed call on the form, or leaves it to the app (an ended session signs out). */
function showFailure(context: AppContext, failure: unknown, where: HTMLElement): void {
  if (!isWrongPassword(failure)) return context.reportError(failure, where);
  where.textContent = errorMessage(failure, t('genericError'));
  where.hidden = false;
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
      onsubmit: async (event: Event) => {
        event.preventDefault();
        change.disabled = true;
        changeError.hidden = true;
        changed.hidden = true;
        try {
          const session = await api.auth.changePassword.mutate({
            currentPassword: current.value,
            newPassword: next.value,
          });
          actions.sessionReplaced(session);
          current.value = '';
          next.value = '';
          changed.textContent = t('passwordChanged');
          changed.hidden = false;
        } catch (failure) {
          showFailure(context, failure, changeError);
        }
        change.disabled = false;
      },
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
      onsubmit: async (event: Event) => {
        event.preventDefault();
        // `required` on the checkbox already stops the submit; this keeps it so without the browser's check.
        if (!confirmation.checked) return;
        remove.disabled = true;
        deleteError.hidden = true;
        try {
          await api.auth.deleteAccount.mutate({ password: password.value });
          actions.signOut(t('accountDeleted'));
        } catch (failure) {
          showFailure(context, failure, deleteError);
          remove.disabled = false;
        }
      },
    },
    h('h2', { id: 'delete-account-title' }, t('deleteAccount')),
    h('p', { id: 'delete-account-help' }, t('deleteAccountHelp')),
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
      deleteForm,
      signOut,
    ),
  );
  context.focusHeading(heading);
}
