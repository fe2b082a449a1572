/** An operator mistake or unreadable input of the review commands: one line, exit 1, no stack trace. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
}
