/**
 * The AI draft started for a goal, remembered in the browser (localStorage) so the chart view can rejoin
 * it after a reload or a visit elsewhere. Only the job id is kept, under a key naming the signed-in user
 * and the goal: nothing secret (the API still checks every status call against the session).
 */

/** The part of the Web Storage API used here (tests pass an in-memory one). */
export type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'goal-mandala.aiDraft:';

/** Ids are encoded so that no user id / goal id pair can spell another pair's key. */
export function draftKey(userId: string, goalId: string): string {
  return `${PREFIX}${encodeURIComponent(userId)}:${encodeURIComponent(goalId)}`;
}

export function rememberDraft(userId: string, goalId: string, jobId: string, store?: DraftStore): void {
  // Best effort: storage can be full or switched off, and drafting works without it.
  attempt(store, (s) => s.setItem(draftKey(userId, goalId), jobId));
}

/** The remembered job id for this user's goal, or null. */
export function recallDraft(userId: string, goalId: string, store?: DraftStore): string | null {
  return attempt(store, (s) => s.getItem(draftKey(userId, goalId))) || null;
}

export function forgetDraft(userId: string, goalId: string, store?: DraftStore): void {
  attempt(store, (s) => s.removeItem(draftKey(userId, goalId)));
}

/** Sign-out: every remembered draft goes, whoever's it was. */
export function forgetAllDrafts(store?: DraftStore): void {
  attempt(store, (s) => {
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) s.removeItem(key);
  });
}

/** Runs `use` on the store, or on localStorage (whose very access throws where storage is blocked). */
function attempt<T>(store: DraftStore | undefined, use: (store: DraftStore) => T): T | undefined {
  try {
    return use(store ?? localStorage);
  } catch {
    return undefined;
  }
}
