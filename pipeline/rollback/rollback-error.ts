/** An operator mistake or an environment problem, told in one line (bin/rollback.ts prints only the message). */
export class RollbackError extends Error {
  override name = 'RollbackError';
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'TokenRefreshRequired',
]);

/**
 * Turns an AWS SDK error from a CodePipeline call into a RollbackError with one readable line;
 * anything unexpected keeps its own message (still one line, no stack trace).
 */
export function describeAwsError(error: unknown, pipelineName: string, region: string): RollbackError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'PipelineNotFoundException') {
    return new RollbackError(
      `pipeline "${pipelineName}" not found in ${region} (check --pipeline, --region or appName in cdk.json)`,
    );
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new RollbackError(
      `no usable AWS credentials for the toolchain account (${name}): set AWS_PROFILE or run "aws sso login"`,
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new RollbackError(`not allowed to run the pipeline "${pipelineName}": ${message}`);
  }
  return new RollbackError(`CodePipeline call failed (${name || 'error'}): ${message}`);
}
