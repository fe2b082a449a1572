/** A daily time window in UTC, as minutes after midnight; `end` may be before `start` (crosses midnight). */
export interface UtcWindow {
  readonly start: number;
  readonly end: number;
}

const MINUTES_PER_DAY = 24 * 60;
const windowPattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses `hh:mm-hh:mm` (RDS's format); throws one line naming the bad value. */
export function parseUtcWindow(text: string): UtcWindow {
  const match = windowPattern.exec(text);
  if (!match) throw new Error(`"${text}" is not a UTC window hh:mm-hh:mm`);
  const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number];
  return { start: sh * 60 + sm, end: eh * 60 + em };
}

function length(window: UtcWindow): number {
  return (window.end - window.start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** Whether `inner` lies entirely inside `outer`, on a 24-hour clock (windows may cross midnight). */
export function windowWithin(inner: UtcWindow, outer: UtcWindow): boolean {
  const offset = (inner.start - outer.start + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return offset + length(inner) <= length(outer);
}
