/**
 * One way every form sends: the submit button is disabled while the call is out (no double submits), the
 * error line is hidden before each try and says what failed after, and the button comes back after a
 * failure (and after a success, unless the view moves on). The small options are where forms differ.
 */
import { errorMessage } from './api.js';
import { t } from './i18n.js';

export interface SubmitOptions<T> {
  /** Disabled while the call is out. */
  readonly button: HTMLButtonElement;
  /** The form's error line: hidden at each try, shows the failure. */
  readonly error: HTMLElement;
  /** The call. */
  readonly send: () => Promise<T>;
  /** What the answer changes (shown, stored, navigated to). */
  readonly done?: (result: T) => void;
  /**
   * How a failure is shown: the app's `reportError` (an ended session signs out), or `showFailure` (the
   * default: the message on the form, for forms where a 401 means a wrong password).
   */
  readonly report?: (failure: unknown, where: HTMLElement) => void;
  /** Asked before sending (e.g. a confirmation); false sends nothing. */
  readonly confirm?: () => boolean;
  /** After a success the button stays disabled: the view moves on or draws itself anew. */
  readonly keepDisabled?: boolean;
  /** Hidden at each try, like the error line (e.g. a "saved" notice). */
  readonly hideFirst?: readonly HTMLElement[];
}

/** The failure's message on the form's error line. */
export function showFailure(failure: unknown, where: HTMLElement): void {
  where.textContent = errorMessage(failure, t('genericError'));
  where.hidden = false;
}

/** The form's submit handler (`onsubmit`). */
export function submitHandler<T>(options: SubmitOptions<T>): (event: Event) => Promise<void> {
  let sending = false;
  return async (event: Event) => {
    event.preventDefault();
    if (sending || (options.confirm && !options.confirm())) return;
    sending = true;
    options.button.disabled = true;
    options.error.hidden = true;
    for (const element of options.hideFirst ?? []) element.hidden = true;
    try {
      const result = await options.send();
      options.done?.(result);
      if (!options.keepDisabled) options.button.disabled = false;
    } catch (failure) {
      (options.report ?? showFailure)(failure, options.error);
      options.button.disabled = false;
    } finally {
      sending = false;
    }
  };
}
