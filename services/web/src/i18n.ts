/** The UI's language: the browser's by default, toggled in the header and remembered. */
import { en, ja, type MessageKey, type Messages } from './messages.js';

export type { MessageKey };
export type Language = 'en' | 'ja';
const catalogs: Record<Language, Messages> = { en, ja };
const STORAGE_KEY = 'goal-mandala.language';

function initialLanguage(): Language {
  // Through globalThis: the API client (which words errors with this) also runs in Node.js tests.
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ja') return stored;
  return (globalThis.navigator?.language ?? 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('metaDescription'));
}

/** The message in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[current][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
