/** The signed-in user and access token, kept in localStorage so a reload stays signed in. */
import type { RouterOutputs } from './api.js';

export type Session = RouterOutputs['auth']['signIn'];

const KEY = 'goal-mandala.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.accessToken === 'string' && parsed.user ? (parsed as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
