/** App shell: header (language, sign-out), hash routing, and the session. */
import { api, endSessionOnServer, errorMessage, isUnauthorized, useAccessToken } from './api.js';
import type { AppContext } from './app-context.js';
import { h, replace } from './dom.js';
import { forgetAllDrafts } from './draft-memory.js';
import { language, setLanguage, t } from './i18n.js';
import { pageAfterSignIn, rememberPageForSignIn } from './return-after-sign-in.js';
import { clearSession, loadSession, saveSession, type Session } from './session.js';
import { commitPendingDelete } from './undoable-delete.js';
import { renderAuthView } from './views/auth-view.js';
import { renderChartView } from './views/chart-view.js';
import { renderGoalsView } from './views/goals-view.js';
import { renderResetPasswordView, resetTokenOf } from './views/reset-password-view.js';
import { renderSettingsView } from './views/settings-view.js';
import { renderTodayView } from './views/today-view.js';

const root = document.getElementById('app')!;
let session: Session | null = loadSession();
let notice: string | null = null;
let cleanups: (() => void)[] = [];

useAccessToken(() => session?.accessToken ?? null);
setLanguage(language());

function signIn(next: Session): void {
  moved = true;
  session = next;
  saveSession(next);
  notice = null;
  // Back where the ended session left the person (their unsaved edits wait there), else My goals.
  navigate(pageAfterSignIn(next.user.id) ?? '#/'); // renders (directly, or through hashchange)
}

/** The API no longer accepts the session: sign out, remembering the page to come back to. */
function sessionEnded(): void {
  if (session) rememberPageForSignIn(session.user.id, location.hash || '#/');
  signOut(t('sessionExpired'));
}

function signOut(message: string | null = null): void {
  commitPendingDelete(); // while the token still works
  session = null;
  clearSession();
  forgetAllDrafts();
  notice = message;
  if (location.hash !== '' && location.hash !== '#/') history.replaceState(null, '', '#/');
  render();
}

/** The user's own "sign out": the server ends the token's session too; the screen does not wait for it. */
function signOutByUser(message: string | null = null): void {
  commitPendingDelete();
  // An unreachable server leaves the token valid until it expires, but this browser has forgotten it.
  if (session) endSessionOnServer(session.accessToken).catch(() => undefined);
  signOut(message);
}

/** A password change answered a new session (the old token no longer works). */
function replaceSession(next: Session): void {
  session = next;
  saveSession(next);
}

function navigate(hash: string): void {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function reportError(error: unknown, where?: HTMLElement): void {
  if (isUnauthorized(error)) {
    sessionEnded();
    return;
  }
  const message = errorMessage(error, t('genericError'));
  if (where) {
    where.textContent = message;
    where.hidden = false;
  } else {
    window.alert(message);
  }
}

function header(): HTMLElement {
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      // The accessible name starts with the visible text (WCAG 2.5.3), then says what the button does.
      'aria-label': `${t('language')}: ${t('languageLabel')}`,
      lang: language() === 'en' ? 'ja' : 'en',
      onclick: () => {
        setLanguage(language() === 'en' ? 'ja' : 'en');
        render();
      },
    },
    t('language'),
  );
  const here = location.hash || '#/';
  const link = (hash: string, text: string) =>
    h('a', { href: hash, 'aria-current': here === hash ? 'page' : null }, text);
  return h(
    'header',
    { class: 'app-header' },
    h('a', { href: '#/', class: 'brand' }, t('appName')),
    session &&
      h(
        'nav',
        { class: 'main-nav', 'aria-label': t('mainNav') },
        link('#/', t('myGoals')),
        link('#/today', t('today')),
        link('#/settings', t('settings')),
      ),
    h(
      'div',
      { class: 'header-actions' },
      toggle,
      session && h('span', { class: 'user-name' }, session.user.name),
      session &&
        h('button', { type: 'button', class: 'secondary', onclick: () => signOutByUser() }, t('signOut')),
    ),
  );
}

/** Set when the person moved (signed in, followed a link): the next view's heading takes focus. */
let moved = false;

function focusHeading(heading: HTMLElement): void {
  if (!moved) return;
  moved = false;
  heading.tabIndex = -1;
  heading.focus();
}

function render(): void {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  // Leaving a view carries out its pending delete (see undoable-delete.ts).
  commitPendingDelete();
  const main = h('main', { id: 'main', class: 'app-main', tabIndex: -1 });
  // The first Tab stop: past the header, straight to the view (a click, not the hash: the hash routes).
  const skip = h(
    'a',
    {
      href: '#main',
      class: 'skip-link',
      onclick: (event: Event) => {
        event.preventDefault();
        main.focus();
      },
    },
    t('skipToMain'),
  );
  replace(root, skip, header(), main);
  // A reset link works signed in or not: it ends every session and signs this browser in anew.
  const resetToken = resetTokenOf(location.hash);
  if (resetToken !== null) {
    renderResetPasswordView(main, resetToken, (next) => {
      history.replaceState(null, '', '#/'); // the used link leaves the address bar and the history
      signIn(next);
    });
    return;
  }
  if (!session) {
    renderAuthView(main, { notice, onSignedIn: signIn });
    return;
  }
  const context: AppContext = {
    session,
    navigate,
    reportError,
    focusHeading,
    onLeave: (cleanup) => cleanups.push(cleanup),
  };
  const goalMatch = /^#\/goals\/([^/]+)$/.exec(location.hash);
  if (goalMatch) renderChartView(main, context, decodeURIComponent(goalMatch[1]!));
  else if (location.hash === '#/today') renderTodayView(main, context);
  else if (location.hash === '#/settings') {
    renderSettingsView(main, context, {
      sessionReplaced: replaceSession,
      signOut: (message) => signOutByUser(message ?? null),
    });
  } else renderGoalsView(main, context);
}

window.addEventListener('hashchange', () => {
  moved = true;
  render();
});
render();

// Confirm a restored session is still accepted; an expired token signs out quietly.
if (session) {
  api.auth.me.query().catch((error: unknown) => {
    if (isUnauthorized(error)) sessionEnded();
  });
}
