/** Server errors worded from their code and fields in the UI's language, never the API's English text. */
import { describe, expect, it } from 'vitest';
import { localizeError, type Translate } from '../../../services/web/src/error-messages.js';
import { en, ja, type MessageKey } from '../../../services/web/src/messages.js';

const translator =
  (catalogue: Record<MessageKey, string>): Translate =>
  (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );

const inEnglish = translator(en);
const inJapanese = translator(ja);

describe('localizeError', () => {
  it('words a wrong sign-in in the UI language', () => {
    // The auth Lambda serves its router alone (path `signIn`); the merged router says `auth.signIn`.
    for (const path of ['signIn', 'auth.signIn']) {
      const data = { code: 'UNAUTHORIZED', path };
      expect(localizeError(data, inJapanese)).toBe('メールアドレスまたはパスワードが違います。');
      expect(localizeError(data, inEnglish)).toBe('Wrong e-mail or password.');
    }
    expect(localizeError({ code: 'UNAUTHORIZED', path: 'list' }, inEnglish)).toBe(en.sessionExpired);
  });

  it('tells a throttled sign-in how many minutes to wait, in the UI language', () => {
    const data = { code: 'TOO_MANY_REQUESTS', path: 'signIn', retryAfterSeconds: 121 };
    expect(localizeError(data, inEnglish)).toBe('Too many failed sign-ins. Please try again in 3 min.');
    expect(localizeError(data, inJapanese)).toBe(
      'サインインの失敗が多すぎます。3分後にもう一度お試しください。',
    );
  });

  it('names each invalid field with its problem and limit', () => {
    const data = {
      code: 'BAD_REQUEST',
      path: 'auth.signUp',
      fields: [
        { field: 'password', problem: 'too_small', limit: 8 },
        { field: 'name', problem: 'too_big', limit: 100 },
        { field: 'email', problem: 'invalid_format' },
      ],
    };
    expect(localizeError(data, inJapanese)).toBe(
      'パスワード：8文字以上にしてください。 名前：100文字以内にしてください。 メールアドレス：形式が正しくありません。',
    );
    expect(localizeError(data, inEnglish)).toBe(
      'Password: use at least 8 characters. Name: use at most 100 characters. E-mail: this is not in the expected form.',
    );
  });

  it('says "fill this in" for an empty required field, and names unknown fields generically', () => {
    const data = {
      code: 'BAD_REQUEST',
      path: 'goals.create',
      fields: [
        { field: 'title', problem: 'too_small', limit: 1 },
        { field: 'somethingNew', problem: 'invalid_type' },
      ],
    };
    expect(localizeError(data, inEnglish)).toBe(
      'Title: please fill this in. Input: this value is not accepted.',
    );
  });

  it('falls back from the procedure to the code, then to a generic message', () => {
    expect(localizeError({ code: 'CONFLICT', path: 'auth.signUp' }, inJapanese)).toBe(
      'このメールアドレスはすでに登録されています。',
    );
    expect(localizeError({ code: 'NOT_FOUND', path: 'goals.get' }, inEnglish)).toBe(
      'Not found: it was deleted, or it is not yours.',
    );
    expect(localizeError({ code: 'TOO_MANY_REQUESTS', path: 'generate' }, inEnglish)).toBe(
      'AI draft limit reached. Please try again later.',
    );
    expect(localizeError({ code: 'SERVICE_UNAVAILABLE', path: 'goals.list' }, inJapanese)).toBe(
      '一時的に利用できません。しばらくしてからお試しください。',
    );
    expect(localizeError({ code: 'INTERNAL_SERVER_ERROR' }, inEnglish)).toBe(en.genericError);
    expect(localizeError(undefined, inJapanese)).toBe(ja.genericError);
  });
});
