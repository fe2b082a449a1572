import type * as z from 'zod';

/** Parses an SNS message body against `schema`; null when it is not JSON or not that kind of message. */
export function parseJsonMessage<T extends z.ZodType>(schema: T, message: string): z.infer<T> | null {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
