/** Input pieces shared by the routers; database constraints mirror them. */
import * as z from 'zod';

export const id = z.uuid('must be an id (uuid)');

/** Calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const isoDate = z.iso.date('must be a date YYYY-MM-DD');

export const position = z.number().int('must be a whole number').min(0, 'must be 0–7').max(7, 'must be 0–7');

export const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** A chart cell: '' empties it. */
export const cellTitle = z.string().trim().max(200, 'must be at most 200 characters');
