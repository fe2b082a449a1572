/**
 * Secrets Manager values by ARN through Powertools Parameters, cached per container for a few minutes
 * (`maxAge`) so rotation is picked up without a call per request; a failed read is not cached. The
 * provider (its SDK client traced by X-Ray) is loaded on first use: local runs never need it, and a Lambda
 * cold start does not pay for it before its first request.
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';

const maxAgeSeconds = 5 * 60;
let provider: Promise<SecretsProvider> | undefined;
let loaded: SecretsProvider | undefined;

async function createProvider(): Promise<SecretsProvider> {
  const [{ SecretsProvider }, { SecretsManagerClient }, { tracer }] = await Promise.all([
    import('@aws-lambda-powertools/parameters/secrets'),
    import('@aws-sdk/client-secrets-manager'),
    import('./tracer.js'),
  ]);
  loaded = new SecretsProvider({ awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient({})) });
  return loaded;
}

/** The secret's string, from cache when fresh. */
export async function getSecretString(arn: string): Promise<string> {
  provider ??= createProvider();
  const value = await (await provider).get(arn, { maxAge: maxAgeSeconds });
  if (typeof value !== 'string') throw new Error(`secret ${arn} has no string value`);
  return value;
}

/** Drop cached values, e.g. after the database rejected a rotated password. */
export function forgetSecrets(): void {
  loaded?.clearCache();
}
