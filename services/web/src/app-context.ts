/** What every view gets from the app shell. */
import type { Session } from './session.js';

export interface AppContext {
  /** The signed-in user's session (views behind sign-in only). */
  readonly session: Session;
  /** Moves to another screen (`#/`, `#/goals/<id>`). */
  navigate(hash: string): void;
  /** Shows a failed call's message, or signs out when the API said 401. */
  reportError(error: unknown, where?: HTMLElement): void;
  /** Set by a view to stop timers (polling) when the screen changes. */
  onLeave(cleanup: () => void): void;
}
