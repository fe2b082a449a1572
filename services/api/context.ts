/**
 * What every API procedure gets as `ctx`, and the dependencies an entry point hands in to build it.
 *
 *   ctx.db         pg.Pool: the container's (or local process's) pool. Parameters only; for several
 *                  statements that must land together use `withTransaction(ctx.db, …)` from
 *                  services/db/transaction.ts.
 *   ctx.token      the verified Bearer token's claims ({ user, sessionId, expiresAt }), or null. Its session
 *                  may have ended: only `authedProcedure` checks that.
 *   ctx.user       inside `authedProcedure` only: { id, email } of a token whose session is live. Scope
 *                  every row by `ctx.user.id` and answer NOT_FOUND for rows of others.
 *   ctx.sessionId  inside `authedProcedure` only: the token's session (auth/signOut ends it).
 *   ctx.requestId  API Gateway's request id (or Lambda's); put it in log lines.
 *   ctx.clientAddress()  the client's IP address (services/api/client-address.ts), for the sign-in throttle
 *                  and the reset-request limit; resolved on first call, since it may read a secret.
 *   ctx.tokens     signs access tokens (auth) with the deployment's key.
 *   ctx.passwordResetMailer()  sends reset links (SES on AWS, the outbox locally).
 *   ctx.workflowStarter()      starts AI drafting runs (Step Functions on AWS, the local runner locally).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AccessTokens, VerifiedToken } from './auth/tokens.js';
import { UNKNOWN_ADDRESS } from './client-address.js';
import type { PasswordResetMailer } from './password-reset-mailer.js';
import type { WorkflowStarter } from './workflow-starter.js';

/** What the handlers need from the world, built once by an entry point (./lambda-dependencies.ts, local/). */
export interface ApiDependencies {
  /** The pool, created on first use. */
  readonly db: () => Promise<pg.Pool>;
  readonly tokens: AccessTokens;
  /** Rejects, with a one-line reason, where no mailer is configured. */
  readonly passwordResetMailer: () => Promise<PasswordResetMailer>;
  /** Throws, with a one-line reason, where no workflow is configured. */
  readonly workflowStarter: () => WorkflowStarter;
  /**
   * The secret CloudFront's `X-Origin-Verify` header must carry for its viewer address to be believed;
   * absent where nothing sits in front (the local stack).
   */
  readonly originVerifySecretArn?: string;
}

export interface Context {
  readonly db: pg.Pool;
  readonly token: VerifiedToken | null;
  readonly requestId: string;
  /**
   * The client's IP address (services/api/client-address.ts); `unknown` when it cannot be told. A call, not a
   * field: telling it may read the origin-verify secret, which only the procedures counting per address need.
   */
  clientAddress(): Promise<string>;
  readonly tokens: AccessTokens;
  passwordResetMailer(): Promise<PasswordResetMailer>;
  workflowStarter(): WorkflowStarter;
}

/** Builds a context from parts: used by the Lambda adapter (./lambda-handler.ts) and by tests' callers. */
export async function createContextInner(opts: {
  db: pg.Pool;
  dependencies: Omit<ApiDependencies, 'db' | 'originVerifySecretArn'>;
  authorization?: string | null;
  requestId?: string;
  clientAddress?: () => Promise<string>;
}): Promise<Context> {
  const { tokens, passwordResetMailer, workflowStarter } = opts.dependencies;
  const bearer = /^Bearer\s+(\S+)$/i.exec(opts.authorization ?? '')?.[1];
  return {
    db: opts.db,
    token: bearer ? await tokens.verify(bearer) : null,
    requestId: opts.requestId ?? randomUUID(),
    clientAddress: opts.clientAddress ?? unknownAddress,
    tokens,
    passwordResetMailer,
    workflowStarter,
  };
}

const unknownAddress = () => Promise.resolve(UNKNOWN_ADDRESS);
