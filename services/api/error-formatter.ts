/**
 * The error shape every API answer carries. Invalid input answers 400 with "<field>: <problem>" messages and
 * `data.fields` (what a client needs to word each problem its way); a cap reached carries `data.cap`; a 429
 * that knows when to come back carries `data.retryAfterSeconds`; a stale edit carries `data.current`; a 500's message is generic. The shape is
 * rebuilt rather than spread, so a stack (tRPC adds one in development) can never reach a client.
 */
import type { TRPCDefaultErrorShape, TRPCError } from '@trpc/server';
import { CapReached } from '../db/limits.js';
import { StaleEdit } from '../db/stale-edit.js';
import { RetryLaterError } from './retry-later.js';

interface ValidationIssue {
  readonly path: PropertyKey[];
  readonly message: string;
  /** zod's issue code (`too_small`, `too_big`, `invalid_format`, …): clients word it in their language. */
  readonly code?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
}

/** One invalid field as clients get it: the English message, and what a client needs to say it its way. */
function fieldOf(issue: ValidationIssue) {
  const limit =
    issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
  return {
    field: fieldName(issue),
    message: issue.message,
    problem: issue.code ?? 'invalid',
    ...(limit !== undefined && { limit: Number(limit) }),
  };
}

function validationIssues(error: TRPCError): ValidationIssue[] | null {
  const issues = (error.cause as { issues?: unknown } | undefined)?.issues;
  return error.code === 'BAD_REQUEST' && Array.isArray(issues) ? (issues as ValidationIssue[]) : null;
}

const fieldName = (issue: ValidationIssue) => issue.path.map(String).join('.') || 'input';

export function errorFormatter({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  const issues = validationIssues(error);
  const message = issues
    ? issues.map((issue) => `${fieldName(issue)}: ${issue.message}`).join('; ')
    : error.code === 'INTERNAL_SERVER_ERROR'
      ? 'Internal server error'
      : shape.message;
  return {
    message,
    code: shape.code,
    data: {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      path: shape.data.path,
      ...(issues && { fields: issues.map(fieldOf) }),
      ...(error instanceof RetryLaterError && { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.cause instanceof CapReached && { cap: { name: error.cause.cap, max: error.cause.max } }),
      ...(error.cause instanceof StaleEdit && { current: error.cause.current }),
    },
  };
}
