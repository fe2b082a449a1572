/** An answer held back to a floor: a quick success or failure settles only once the floor has passed. */
import { afterEach, expect, it, vi } from 'vitest';
import { answerNoSoonerThan } from '../../../services/api/answer-no-sooner-than.js';

afterEach(() => {
  vi.useRealTimers();
});

async function settledAfter(ms: number, work: Promise<unknown>): Promise<[boolean, boolean]> {
  vi.useFakeTimers();
  let settled = false;
  const answer = answerNoSoonerThan(ms, work).finally(() => (settled = true));
  answer.catch(() => undefined);
  await vi.advanceTimersByTimeAsync(ms - 1);
  const early = settled;
  await vi.advanceTimersByTimeAsync(1);
  return [early, settled];
}

it('holds a quick success until the floor', async () => {
  expect(await settledAfter(500, Promise.resolve('done'))).toEqual([false, true]);
});

it('holds a quick failure until the floor, then throws it', async () => {
  const failing = Promise.reject(new Error('boom'));
  expect(await settledAfter(500, failing)).toEqual([false, true]);
  vi.useRealTimers();
  await expect(answerNoSoonerThan(0, Promise.reject(new Error('boom')))).rejects.toThrow('boom');
});

it('answers with the work’s value', async () => {
  expect(await answerNoSoonerThan(1, Promise.resolve(42))).toBe(42);
});
