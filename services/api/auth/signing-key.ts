/**
 * Where a Lambda entry's access-token key comes from: the string of the secret named by JWT_SECRET_ARN (read
 * through the secrets cache, so a rotation is picked up). On Lambda a missing JWT_SECRET_ARN fails the cold
 * start: a random key per container would sign users out at random while the release looks healthy. Off
 * Lambda (tests running the handler modules) one random key per process, shared by every handler in it.
 */
import { randomBytes } from 'node:crypto';
import { EnvError } from '../../shared/env.js';
import { getSecretString } from '../../shared/secrets.js';
import type { SigningKeySource } from './tokens.js';

let processKey: Uint8Array | undefined;

export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): SigningKeySource {
  const arn = env.JWT_SECRET_ARN;
  if (arn) return () => getSecretString(arn);
  if (env.AWS_LAMBDA_FUNCTION_NAME) {
    throw new EnvError(
      'environment variable JWT_SECRET_ARN: required on Lambda for a function that signs or checks access tokens',
    );
  }
  processKey ??= randomBytes(32);
  const key = processKey;
  return () => key;
}
