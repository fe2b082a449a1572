/**
 * The API's dependencies on Lambda, built once per container by each handler module (handlers/*.ts) from
 * the function's environment: the shared pool (DB_SECRET_ARN), the signing key (JWT_SECRET_ARN; its absence
 * on Lambda fails the cold start), SES for reset links (RESET_MAIL_SENDER), Step Functions for AI drafts
 * (STATE_MACHINE_ARN) and CloudFront's origin-verify secret (ORIGIN_VERIFY_SECRET_ARN). A function without
 * the mailer or the workflow answers with a one-line reason only if a procedure needs them.
 */
import { getPool } from '../db/pool.js';
import { signingKeyFromEnv } from './auth/signing-key.js';
import { accessTokens } from './auth/tokens.js';
import type { ApiDependencies } from './context.js';
import type { PasswordResetMailer } from './password-reset-mailer.js';
import { stepFunctionsStarter, type WorkflowStarter } from './workflow-starter.js';

export function apiDependenciesFromEnv(env: NodeJS.ProcessEnv = process.env): ApiDependencies {
  const tokens = accessTokens(signingKeyFromEnv(env));
  const { STATE_MACHINE_ARN: stateMachineArn, RESET_MAIL_SENDER: mailSender } = env;
  let starter: WorkflowStarter | undefined;
  let ses: Promise<PasswordResetMailer> | undefined;
  return {
    db: getPool,
    tokens,
    passwordResetMailer() {
      if (!mailSender) {
        return Promise.reject(new Error('no password reset mailer: RESET_MAIL_SENDER is not set'));
      }
      // SES is loaded on the first mail: the other procedures never pay for it.
      return (ses ??= import('./ses-password-reset-mailer.js').then((module) =>
        module.sesMailerFromEnv(env),
      ));
    },
    workflowStarter() {
      if (!stateMachineArn) throw new Error('no workflow starter: STATE_MACHINE_ARN is not set');
      return (starter ??= stepFunctionsStarter(stateMachineArn));
    },
    originVerifySecretArn: env.ORIGIN_VERIFY_SECRET_ARN || undefined,
  };
}
