/** Input pieces shared by the routers; database constraints mirror them. */
import * as z from 'zod';

export const id = z.uuid('must be an id (uuid)');

/** The dates the app accepts: PostgreSQL stores no year 0000, and nobody plans a goal for the year 9999. */
export const earliestDate = '1900-01-01';
export const latestDate = '2999-12-31';

/** Calendar date `YYYY-MM-DD` that exists (no 2025-02-30), between `earliestDate` and `latestDate`. */
export const isoDate = z.iso.date('must be a date YYYY-MM-DD').pipe(
  // Piped, so a malformed date gets one message, not this one too. ISO dates with four-digit years sort as strings.
  z
    .string()
    .refine(
      (date) => date >= earliestDate && date <= latestDate,
      `must be a date from ${earliestDate} to ${latestDate}`,
    ),
);

// C0 control characters but tab, line feed and carriage return. PostgreSQL refuses NUL in text outright;
// the others have no place in a title or a note and would cost six bytes each in a JSON answer.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Trimmed text of `min`–`max` characters without control characters (NUL included). */
export function text(options: { min?: number; max: number }) {
  const base = z.string().trim();
  const sized = options.min
    ? base.min(
        options.min,
        options.min === 1 ? 'must not be empty' : `must be at least ${options.min} characters`,
      )
    : base;
  return sized
    .max(options.max, `must be at most ${options.max} characters`)
    .refine((value) => !controlCharacter.test(value), 'must not contain control characters (such as NUL)');
}

export const position = z.number().int('must be a whole number').min(0, 'must be 0–7').max(7, 'must be 0–7');

export const title = text({ min: 1, max: 200 });

/** A chart cell: '' empties it. */
export const cellTitle = text({ max: 200 });

/**
 * The version (`updatedAt`) an edit started from, as goals/get answered it. Optional: without it the edit
 * applies whatever changed meanwhile (as before); with it, a row changed since answers 409 with its current
 * text (services/db/stale-edit.ts).
 */
export const expectedUpdatedAt = z.iso
  .datetime({ message: 'must be a version (updatedAt) as the API answered it' })
  .optional();
