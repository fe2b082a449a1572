/**
 * Deleting with a few seconds to undo. The item leaves the screen at once, but the API call is deferred
 * until the notice expires, so an undo has nothing to re-create and nothing is ever half-written. A
 * pending delete is carried out early, never dropped: when another delete starts, when the person leaves
 * the view or signs out (`commitPendingDelete`), and when the tab closes or goes to the background
 * (`pagehide`, through keepalive requests that outlive the page). Closing the tab therefore deletes.
 */
import { api, keepaliveApi, type ApiClient } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';

/** How long the Undo button stays. */
export const undoWindowMs = 6000;

export interface UndoableDelete {
  /** Shown in the notice ("Task “Run 5 km” deleted."). */
  readonly message: string;
  /** Takes the item off the screen. */
  readonly hide: () => void;
  /** Puts it back (Undo, or the deferred call failed). */
  readonly restore: () => void;
  /** The API call, through the client given (a keepalive one when the page goes away). */
  readonly remove: (client: ApiClient) => Promise<unknown>;
  /** The deferred call failed (the item is back on screen). */
  readonly onError: (error: unknown) => void;
  /** Names the item (`goal:<id>`), so a view drawn meanwhile can leave it out (`isPendingDelete`). */
  readonly key?: string;
}

interface Pending {
  readonly item: UndoableDelete;
  readonly timer: ReturnType<typeof setTimeout>;
}

let pending: Pending | null = null;
let area: HTMLElement | null = null;

/**
 * The live region announcing deletes; outside the app's root, so it survives view changes. A bare
 * aria-live region rather than role=status: views have their own status line, and this one is not theirs.
 */
function notices(): HTMLElement {
  if (!area) {
    area = h('div', { class: 'toast-area', 'aria-live': 'polite' });
    document.body.append(area);
    window.addEventListener('pagehide', () => commitPendingDelete(keepaliveApi));
  }
  return area;
}

export function deleteWithUndo(item: UndoableDelete): void {
  commitPendingDelete();
  item.hide();
  const undo = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      onclick: () => {
        if (pending?.item !== item) return;
        clearTimeout(pending.timer);
        pending = null;
        replace(notices());
        item.restore();
      },
    },
    t('undo'),
  );
  replace(notices(), h('div', { class: 'toast' }, h('span', null, item.message), undo));
  pending = { item, timer: setTimeout(() => commitPendingDelete(), undoWindowMs) };
  // The button pressed has left with its item: focus goes to Undo, one Enter away.
  undo.focus();
}

/** True while the item named `key` waits out its undo window (a view drawn meanwhile leaves it out). */
export function isPendingDelete(key: string): boolean {
  return pending?.item.key === key;
}

/** Carries out the pending delete now, if there is one. */
export function commitPendingDelete(client: ApiClient = api): void {
  if (!pending) return;
  const { item, timer } = pending;
  pending = null;
  clearTimeout(timer);
  if (area) replace(area);
  item.remove(client).catch((error: unknown) => {
    item.restore();
    item.onError(error);
  });
}
