/**
 * Whether a failed call got no answer from the API at all (offline, the connection dropped, the server out of
 * reach) rather than an answer saying no: what was sent can simply be sent again later.
 */
import { TRPCClientError } from '@trpc/client';

export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TRPCClientError) return error.data === undefined;
  return error instanceof TypeError;
}

/** True when the browser itself knows it has no network. */
export const browserOffline = (): boolean => globalThis.navigator?.onLine === false;
