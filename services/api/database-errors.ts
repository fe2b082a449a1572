/** Tells "the database cannot be reached" (answer 503, retry later) from other failures (a 500, a bug). */

// Class 08 connection exceptions, admin/crash shutdown, cannot connect now, too many connections.
const unavailableCodes = /^(08\w{3}|57P0[1-3]|53300)$/;
const unavailableMessages =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Too many connections/i;

export function isDatabaseUnavailable(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (typeof code === 'string' && unavailableCodes.test(code)) || unavailableMessages.test(error.message);
}
