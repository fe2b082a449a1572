/** What every view gets from the app shell. */
import type { Session } from './session.js';

export interface AppContext {
  /** The signed-in user's session (views behind sign-in only). */
  readonly session: Session;
  /**
   * Moves to another screen (`#/`, `#/today`, `#/settings`, `#/goals/<id>`); `then` runs once it is drawn
   * (after leaving the old one committed any pending delete, so a new one can start).
   */
  navigate(hash: string, then?: () => void): void;
  /** Shows a failed call's message, or signs out when the API said 401. */
  reportError(error: unknown, where?: HTMLElement): void;
  /** Moves focus to a new view's heading (after sign-in and navigation), so screen readers announce it. */
  focusHeading(heading: HTMLElement): void;
  /** Set by a view to stop timers (polling) when the screen changes. */
  onLeave(cleanup: () => void): void;
}
