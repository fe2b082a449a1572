/** The typed tRPC client for the Goal Mandala API (same origin, under `/api`). */
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../api/app-router.js';
import { toContractUrl } from './contract-url.js';
import { localizeError, type ApiErrorData } from './error-messages.js';
import { t } from './i18n.js';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type GoalSummary = RouterOutputs['goals']['list'][number];
export type Chart = RouterOutputs['goals']['get'];
export type Task = RouterOutputs['tasks']['list'][number];
export type TaskStatus = Task['status'];
export type Reflection = RouterOutputs['reflections']['list'][number];
export type AiJobStatus = RouterOutputs['ai']['status'];

/** Supplies the bearer token for each call; set by the app when the session changes. */
let tokenSource: () => string | null = () => null;

export function useAccessToken(source: () => string | null): void {
  tokenSource = source;
}

/**
 * A client for the API at `baseUrl` (the app uses the same origin's `/api`). `keepalive`: its requests
 * outlive the page (for what must still reach the server when the tab closes).
 */
export function createApiClient(baseUrl: string, accessToken: () => string | null, keepalive = false) {
  return createTRPCClient<AppRouter>({
    links: [
      // httpLink, not httpBatchLink: the API serves one procedure per request (one Lambda per service).
      httpLink({
        url: baseUrl,
        fetch: (url, init) => fetch(toContractUrl(String(url)), { ...(init as RequestInit), keepalive }),
        headers: () => {
          const token = accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api = createApiClient('/api', () => tokenSource());

/** The same API for requests sent while the page goes away (see undoable-delete.ts). */
export const keepaliveApi = createApiClient('/api', () => tokenSource(), true);

/**
 * Ends the session of `accessToken` on the server (auth/signOut), so the token stops working everywhere and
 * not only in this browser. Takes the token itself: the app forgets its session before the call goes out.
 */
export function endSessionOnServer(accessToken: string, baseUrl = '/api'): Promise<unknown> {
  return createApiClient(baseUrl, () => accessToken).auth.signOut.mutate({});
}

/** The tRPC error code the API answered with (`UNAUTHORIZED`, `NOT_FOUND`, …), if it answered one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

/** True when the API answered 401: the token is missing, expired or otherwise unacceptable. */
export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/**
 * True when the API refused a password the person typed (`currentPassword: wrong password`): a 401 that,
 * unlike an ended session, must be shown on the form rather than sign the person out.
 */
export function isWrongPassword(error: unknown): boolean {
  return isUnauthorized(error) && /^(currentPassword|password): /.test((error as Error).message);
}

/** A failed call's message in the UI's language (from its code and fields); `fallback` when none answered. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) return localizeError(error.data as ApiErrorData | undefined, t);
  return fallback;
}
