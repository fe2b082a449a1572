/**
 * The page a person was on when their session ended, so that signing in again (as the same person) goes back
 * there rather than to My goals. Kept in this tab only (sessionStorage).
 */
const KEY = 'goal-mandala.returnAfterSignIn';

export function rememberPageForSignIn(userId: string, hash: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ userId, hash }));
  } catch {
    // Signing in then lands on My goals, as it would anyway.
  }
}

/** The remembered page if `userId` is who was there (forgotten either way); null otherwise. */
export function pageAfterSignIn(userId: string): string | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as {
      userId?: string;
      hash?: string;
    } | null;
    sessionStorage.removeItem(KEY);
    return stored?.userId === userId && typeof stored.hash === 'string' && stored.hash.startsWith('#/')
      ? stored.hash
      : null;
  } catch {
    return null;
  }
}
