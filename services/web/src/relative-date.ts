/**
 * A due date as a person says it: "Today", "Tomorrow", "Yesterday", a weekday within the coming week,
 * "3 days ago", else a short date; in the UI's language (Intl.RelativeTimeFormat and DateTimeFormat).
 */
const dayMs = 86_400_000;

/** Whole days from `today` to `date` (both `YYYY-MM-DD`). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs);
}

/** `date` moved by `days` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function capitalized(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export function relativeDate(date: string, today: string, locale: string): string {
  const days = daysBetween(today, date);
  // The calendar day itself, in UTC: `date` names a day, not an instant.
  const day = new Date(`${date}T00:00:00Z`);
  if (days >= -6 && days <= 1) {
    if (days < -1) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    return capitalized(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day'), locale);
  }
  if (days > 1 && days <= 6) {
    return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day);
  }
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(day);
}
