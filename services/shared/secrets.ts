/**
 * Secrets Manager values by ARN, cached per container for a few minutes so rotation is picked up
 * without a call per request. The SDK client is loaded on first use: local runs never need it.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { tracer } from './tracer.js';

const ttlMs = 5 * 60_000;
const cache = new Map<string, { value: Promise<string>; expires: number }>();
let client: SecretsManagerClient | undefined;

async function fetchSecret(arn: string): Promise<string> {
  const sm = await import('@aws-sdk/client-secrets-manager');
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
