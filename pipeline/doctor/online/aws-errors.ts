/** The few answers the checks tell apart: "not there" from "cannot look". */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

export function isNotFound(error: unknown): boolean {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : '';
  return (
    ['ResourceNotFoundException', 'NotFoundException', 'NoSuchEntity', 'NoSuchEntityException'].includes(
      name,
    ) ||
    (name === 'ValidationError' && /does not exist/.test(message))
  );
}

/** The remedy for an error that kept a check from answering (credentials, permissions, anything else). */
export function remedyFor(error: unknown, profileArgument: string): string {
  const name = errorName(error);
  if (name === 'CredentialsProviderError' || /Expired/.test(name) || name === 'UnrecognizedClientException') {
    return `give the doctor credentials for this account: aws sso login ${profileArgument} (or aws configure ${profileArgument}), or name another with --profile-<account>`;
  }
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/.test(name)) {
    return `run the doctor with a profile of this account allowed to read it (${profileArgument} was refused)`;
  }
  return 'run the doctor again; if it persists, check the call in the AWS console';
}
