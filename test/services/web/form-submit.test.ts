/** The one form helper (services/web/src/form-submit.ts): what every form of the web app does on submit. */
import { describe, expect, it } from 'vitest';
import { submitHandler, type SubmitOptions } from '../../../services/web/src/form-submit.js';

/** The few properties the helper touches, without a DOM. */
function controls() {
  return {
    button: { disabled: false } as HTMLButtonElement,
    error: { hidden: false, textContent: 'old failure' } as HTMLElement,
    notice: { hidden: false } as HTMLElement,
  };
}

const submitEvent = () => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('submitHandler', () => {
  it('holds the button while sending, hides the old error and notice first, and sends once', async () => {
    const { button, error, notice } = controls();
    const answer = deferred<string>();
    let sent = 0;
    const done: string[] = [];
    const handler = submitHandler({
      button,
      error,
      hideFirst: [notice],
      send: () => (sent++, answer.promise),
      done: (result) => done.push(result),
    });
    const event = submitEvent();
    const first = handler(event as unknown as Event);
    expect(event.prevented).toBe(true);
    expect([button.disabled, error.hidden, notice.hidden]).toEqual([true, true, true]);
    await handler(submitEvent() as unknown as Event); // a second submit while the first is out
    expect(sent).toBe(1);
    answer.resolve('saved');
    await first;
    expect(done).toEqual(['saved']);
    expect(button.disabled).toBe(false); // back for another go
  });

  it('keeps the button held after success when the view moves on', async () => {
    const { button, error } = controls();
    await submitHandler({ button, error, send: async () => 1, keepDisabled: true })(submitEvent() as never);
    expect(button.disabled).toBe(true);
  });

  it('says a failure on the form by default, or hands it to the given report, and gives the button back', async () => {
    const { button, error } = controls();
    await submitHandler({ button, error, send: () => Promise.reject(new Error('offline')) })(
      submitEvent() as never,
    );
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('Something went wrong. Please try again.');
    expect(button.disabled).toBe(false);

    const reported: unknown[] = [];
    const options: SubmitOptions<never> = {
      button,
      error,
      send: () => Promise.reject(new Error('401')),
      report: (failure, where) => reported.push([(failure as Error).message, where === error]),
      keepDisabled: true,
    };
    await submitHandler(options)(submitEvent() as never);
    expect(reported).toEqual([['401', true]]);
    expect(button.disabled).toBe(false);
  });

  it('sends nothing when the confirmation says no', async () => {
    const { button, error } = controls();
    let sent = false;
    await submitHandler({ button, error, confirm: () => false, send: async () => (sent = true) })(
      submitEvent() as never,
    );
    expect([sent, button.disabled, error.hidden]).toEqual([false, false, false]);
  });
});
