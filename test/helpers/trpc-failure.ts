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

/** The input fields a validation failure (BAD_REQUEST from zod) names, as `a.b` paths. */
export function failedFields(error: TRPCError): string[] {
  expect(error.code).toBe('BAD_REQUEST');
  const issues = (error.cause as unknown as { issues?: { path: PropertyKey[] }[] }).issues ?? [];
  return issues.map((issue) => issue.path.map(String).join('.'));
}
