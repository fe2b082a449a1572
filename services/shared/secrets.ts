/**
 * Secrets Manager values by ARN, cached per container for a few minutes so rotation is picked up
 * without a call per request. The SDK client (and the tracer around it) is loaded on first use: local runs
 * never need it, and a Lambda cold start does not pay for it before its first request.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const ttlMs = 5 * 60_000;
const cache = new Map<string, { value: Promise<string>; expires: number }>();
let client: SecretsManagerClient | undefined;

async function fetchSecret(arn: string): Promise<string> {
  const [sm, { tracer }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('./tracer.js'),
  ]);
  client ??= tracer.captureAWSv3Client(new sm.SecretsManagerClient({}));
  const out = await client.send(new sm.GetSecretValueCommand({ SecretId: arn }));
  if (out.SecretString === undefined) throw new Error(`secret ${arn} has no string value`);
  return out.SecretString;
}

/** The secret's string, from cache when fresh; a failed read is not cached. */
export function getSecretString(arn: string): Promise<string> {
  const hit = cache.get(arn);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = fetchSecret(arn);
  cache.set(arn, { value, expires: Date.now() + ttlMs });
  value.catch(() => cache.delete(arn));
  return value;
}

/** Drop cached values, e.g. after the database rejected a rotated password. */
export function forgetSecrets(): void {
  cache.clear();
}
