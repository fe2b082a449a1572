/** Dates as the person sees them: their own calendar day, not UTC's. */

/** `YYYY-MM-DD` of `at` in this browser's time zone. */
export function localDate(at: Date = new Date()): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
