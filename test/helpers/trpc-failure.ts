import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

/** The TRPCError a call fails with (the test fails if the call succeeds or throws something else). */
export async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}
