/**
 * A failed call, worded in the UI's language from what the API answered: its error code, the procedure,
 * and for bad input each field with its problem and limit. The API's English message is never shown.
 */
import type { MessageKey } from './messages.js';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The parts of a tRPC error answer this reads (`error.data` as the API formats it). */
export interface ApiErrorData {
  readonly code?: string;
  /** The procedure: `signIn` from a service's own Lambda, `auth.signIn` from the merged router. */
  readonly path?: string;
  readonly fields?: readonly { field: string; problem?: string; limit?: number }[];
  /** On some 429s: how long until the API admits the call again (also its `Retry-After` header). */
  readonly retryAfterSeconds?: number;
}

/** What one procedure's code means there, where it means more than the code alone (names are unique). */
const byProcedure: Record<string, MessageKey> = {
  'signIn:UNAUTHORIZED': 'errWrongCredentials',
  'signUp:CONFLICT': 'errEmailTaken',
  'changePassword:UNAUTHORIZED': 'errWrongPassword',
  'changePassword:FORBIDDEN': 'errWrongPassword',
  'deleteAccount:UNAUTHORIZED': 'errWrongPassword',
  'deleteAccount:FORBIDDEN': 'errWrongPassword',
  'resetPassword:BAD_REQUEST': 'errResetLinkInvalid',
  'generate:TOO_MANY_REQUESTS': 'errAiLimit',
  'signIn:TOO_MANY_REQUESTS': 'errSignInThrottled',
};

const byCode: Record<string, MessageKey> = {
  NOT_FOUND: 'errNotFound',
  TOO_MANY_REQUESTS: 'errTooManyRequests',
  SERVICE_UNAVAILABLE: 'errUnavailable',
  CONFLICT: 'errConflict',
  UNAUTHORIZED: 'sessionExpired',
  PAYLOAD_TOO_LARGE: 'errTooLarge',
};

/** The label of each input field the API can name. */
const fieldLabels: Record<string, MessageKey> = {
  email: 'email',
  password: 'password',
  currentPassword: 'currentPassword',
  newPassword: 'newPassword',
  name: 'name',
  title: 'titleField',
  description: 'description',
  deadline: 'deadline',
  dueDate: 'dueDate',
  content: 'reflection',
  rating: 'rating',
  date: 'date',
  token: 'resetLink',
};

function problem(field: { problem?: string; limit?: number }, t: Translate): string {
  switch (field.problem) {
    case 'too_small':
      return field.limit === undefined || field.limit <= 1
        ? t('problemEmpty')
        : t('problemTooShort', { n: field.limit });
    case 'too_big':
      return field.limit === undefined ? t('problemInvalid') : t('problemTooLong', { n: field.limit });
    case 'invalid_format':
      return t('problemFormat');
    default:
      return t('problemInvalid');
  }
}

export function localizeError(data: ApiErrorData | undefined, t: Translate): string {
  if (!data?.code) return t('genericError');
  if (data.fields && data.fields.length > 0) {
    return data.fields
      .map((field) =>
        t('fieldProblem', {
          field: t(fieldLabels[field.field.split('.')[0]!] ?? 'inputField'),
          problem: problem(field, t),
        }),
      )
      .join(' ');
  }
  const procedure = data.path?.split('.').pop() ?? '';
  const key = byProcedure[`${procedure}:${data.code}`] ?? byCode[data.code];
  const wait =
    data.retryAfterSeconds === undefined ? undefined : { n: Math.ceil(data.retryAfterSeconds / 60) };
  return t(key ?? (data.code === 'BAD_REQUEST' ? 'problemInvalidInput' : 'genericError'), wait);
}
