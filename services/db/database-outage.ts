/**
 * Tells "the database cannot be reached right now" (the API answers 503, a workflow step retries) from
 * every other failure (a bug or bad data: a 500, a step that fails at once). The API and the workflow
 * both ask this one module.
 */

// SQLSTATE class 08 (connection exceptions), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect
// now: a restart or failover), 53300 (too many connections), and refusals at connect time that an operator
// fixes without a deploy: 3D000 (the database is missing: being restored), 28000 (the role may not log in)
// and 28P01 (wrong password: the secret was rotated and the new one is read on the next connection).
const outageCodes = /^(08[0-9A-Z]{3}|57P0[1-3]|53300|3D000|28000|28P01)$/;

// Socket and pool failures: node's error codes (a refused connection to several addresses is an
// AggregateError whose message is empty, so the code is matched too) and pg / pg-pool messages.
const outageMessages =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Too many connections/i;

export function isDatabaseOutage(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && outageCodes.test(code)) return true;
  return outageMessages.test(`${typeof code === 'string' ? code : ''} ${error.message}`);
}
