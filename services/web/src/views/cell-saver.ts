/**
 * Saves the chart's cell edits so that nothing typed is lost:
 * - each edit is kept (in memory and in this tab's sessionStorage) until the server has it;
 * - no answer (offline, unreachable): the text stays in the cell, marked unsaved, one line says why, and it
 *   is sent again when the browser is back online (`online`) or on Retry;
 * - an ended session (401): the edit stays stored, the app signs out, and after signing in again the chart
 *   opens at the same goal and sends it (see unsaved-edits.ts, return-after-sign-in.ts);
 * - the cell changed elsewhere since the edit started (409 with the current text): the person chooses to keep
 *   theirs (sent again from the current version) or take the other;
 * - one message region, replaced rather than appended to, so errors never stack.
 * Edits of one cell go out one at a time, each from the version the previous one answered.
 */
import { errorCode, errorMessage, isUnauthorized } from '../api.js';
import type { AppContext } from '../app-context.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { slotKey, type CellSlot } from '../mandala-layout.js';
import { browserOffline, isNetworkFailure } from '../network-failure.js';
import { keepUnsavedEdits, unsavedEditsOf, type UnsavedEdit } from '../unsaved-edits.js';
import { labelOf } from './chart-cells.js';

/** What the API answered a stale edit with (`data.current`, services/db/stale-edit.ts). */
export interface CurrentVersion {
  readonly title: string;
  readonly updatedAt: string;
}

export interface CellSaverOptions {
  readonly context: AppContext;
  readonly goalId: string;
  /** Sends one edit; resolves with the cell's new version. */
  readonly send: (edit: UnsavedEdit) => Promise<{ updatedAt: string }>;
  /** The server has the edit (at `updatedAt`). */
  readonly saved: (edit: UnsavedEdit, updatedAt: string) => void;
  /** The person took the other text after a conflict. */
  readonly tookTheirs: (slot: CellSlot, current: CurrentVersion) => void;
  /** The cell shows text the server does not have (or has again). */
  readonly unsaved: (slot: CellSlot, isUnsaved: boolean) => void;
}

export interface CellSaver {
  /** The one message region (status, errors, the conflict's choice). */
  readonly element: HTMLElement;
  save(edit: UnsavedEdit): void;
  /** Edits not yet saved (to show over a chart read afresh). */
  pending(): readonly UnsavedEdit[];
  /** Sends the edits this tab kept for the goal (after a reload or signing in again). */
  restore(): readonly UnsavedEdit[];
}

export function createCellSaver(options: CellSaverOptions): CellSaver {
  const { context, goalId } = options;
  const userId = context.session.user.id;
  const pending = new Map<string, UnsavedEdit>();
  const sending = new Set<string>();
  const conflicts = new Map<string, CurrentVersion>();
  /** Per cell, the version this tab's last save started from and the one it made. */
  const ownSaves = new Map<string, { from: string | undefined; to: string }>();
  const element = h('div', { class: 'save-status', role: 'status', 'aria-live': 'polite' });
  let failure: string | null = null;

  const keep = (): void => keepUnsavedEdits(userId, goalId, [...pending.values()]);

  const onOnline = (): void => flush();
  window.addEventListener('online', onOnline);
  context.onLeave(() => window.removeEventListener('online', onOnline));

  function save(edit: UnsavedEdit): void {
    const key = slotKey(edit.slot);
    const earlier = pending.get(key);
    const own = ownSaves.get(key);
    // An earlier edit of the cell never reached the server: the new one starts from the same version. One
    // opened before this tab's own save answered starts, in truth, from what that save made.
    const startedFrom = earlier
      ? earlier.startedFrom
      : own && own.from === edit.startedFrom
        ? own.to
        : edit.startedFrom;
    pending.set(key, { ...edit, startedFrom });
    conflicts.delete(key);
    keep();
    options.unsaved(edit.slot, true);
    flush();
  }

  function flush(): void {
    for (const [key, edit] of pending) {
      if (sending.has(key) || conflicts.has(key)) continue;
      void send(key, edit);
    }
  }

  async function send(key: string, edit: UnsavedEdit): Promise<void> {
    sending.add(key);
    try {
      const { updatedAt } = await options.send(edit);
      sending.delete(key);
      ownSaves.set(key, { from: edit.startedFrom, to: updatedAt });
      const newer = pending.get(key);
      if (newer === edit) {
        pending.delete(key);
        options.unsaved(edit.slot, false);
      } else if (newer) {
        // Typed again while this one was on its way: that edit starts from this save.
        pending.set(key, { ...newer, startedFrom: updatedAt });
      }
      keep();
      options.saved(edit, updatedAt);
      if (pending.size === 0) show(null);
      flush();
    } catch (error) {
      sending.delete(key);
      failed(key, edit, error);
    }
  }

  function failed(key: string, edit: UnsavedEdit, error: unknown): void {
    if (isUnauthorized(error)) {
      // Kept in this tab's storage: after signing in again, the chart sends it (restore()).
      context.reportError(error);
      return;
    }
    const current = (error as { data?: { current?: CurrentVersion } }).data?.current;
    if (errorCode(error) === 'CONFLICT' && current) {
      conflicts.set(key, current);
      showConflict(key, edit, current);
      return;
    }
    failure = isNetworkFailure(error)
      ? t(browserOffline() ? 'saveOffline' : 'saveUnreachable')
      : t('saveFailed', { error: errorMessage(error, t('genericError')) });
    show(failure, true);
  }

  /** One message at a time: the latest replaces what was there. */
  function show(message: string | null, retry = false): void {
    element.dataset.state = message === null ? 'idle' : retry ? 'failed' : 'info';
    if (message === null) {
      failure = null;
      replace(element);
      return;
    }
    replace(
      element,
      h('span', { class: retry ? 'error' : '' }, message),
      retry &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            onclick: () => {
              show(null);
              flush();
            },
          },
          t('retry'),
        ),
    );
  }

  function showConflict(key: string, edit: UnsavedEdit, current: CurrentVersion): void {
    element.dataset.state = 'conflict';
    const resolved = (): void => {
      conflicts.delete(key);
      // Another conflict still open is shown next; otherwise whatever failure is still true.
      const [nextKey, nextCurrent] = [...conflicts][0] ?? [];
      if (nextKey && nextCurrent) showConflict(nextKey, pending.get(nextKey)!, nextCurrent);
      else show(failure, failure !== null);
      flush();
    };
    replace(
      element,
      h(
        'span',
        { class: 'conflict-text' },
        `${labelOf(edit.slot)}: `,
        t('saveConflict', { theirs: current.title || t('emptyCell'), mine: edit.title || t('emptyCell') }),
      ),
      h(
        'span',
        { class: 'conflict-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              pending.set(key, { ...edit, startedFrom: current.updatedAt });
              keep();
              resolved();
            },
          },
          t('keepMine'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            onclick: () => {
              pending.delete(key);
              keep();
              options.unsaved(edit.slot, false);
              options.tookTheirs(edit.slot, current);
              resolved();
            },
          },
          t('takeTheirs'),
        ),
      ),
    );
    (element.querySelector('.conflict-actions button') as HTMLElement | null)?.focus();
  }

  return {
    element,
    save,
    pending: () => [...pending.values()],
    restore() {
      const restored = unsavedEditsOf(userId, goalId);
      for (const edit of restored) pending.set(slotKey(edit.slot), edit);
      if (restored.length > 0) {
        for (const edit of restored) options.unsaved(edit.slot, true);
        show(t('unsavedRestored'));
        flush();
      }
      return restored;
    },
  };
}
