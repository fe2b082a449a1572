/**
 * An operator-facing failure of a frontend release command (publish, smoke test, switch, roll back):
 * its message is one line that says what to do.
 */
export class FrontendReleaseError extends Error {
  override name = 'FrontendReleaseError';
}
