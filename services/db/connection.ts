/**
 * Where the database is: DATABASE_URL when set (local stack, tests), else the RDS secret by DB_SECRET_ARN.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';
import * as z from 'zod';
import { runtimeEnv } from '../shared/env.js';
import { getSecretString } from '../shared/secrets.js';

/** The JSON an RDS-generated secret holds. */
const rdsSecret = z.object({
  host: z.string(),
  port: z.coerce.number().int().default(5432),
  username: z.string(),
  password: z.string(),
  dbname: z.string().default('postgres'),
});

async function readRdsSecret(arn: string): Promise<z.infer<typeof rdsSecret>> {
  const parsed = rdsSecret.safeParse(JSON.parse(await getSecretString(arn)));
  if (!parsed.success)
    throw new Error(`database secret: field ${parsed.error.issues[0]!.path.join('.')} is missing or invalid`);
  return parsed.data;
}

/** Amazon's CA bundle (RDS included) shipped in the Lambda runtime but not trusted by Node 20+ by default. */
const lambdaCaBundle = '/var/runtime/ca-cert.pem';

/** TLS to Aurora with the server certificate verified. */
function verifiedTls(): ConnectionOptions {
  return existsSync(lambdaCaBundle)
    ? { ca: readFileSync(lambdaCaBundle, 'utf8') }
    : { rejectUnauthorized: true };
}

/** Connection settings (no pool sizing). The password is read per new connection, so rotation is picked up. */
export async function connectionConfig(): Promise<PoolConfig> {
  const env = runtimeEnv();
  if (env.DATABASE_URL) return { connectionString: env.DATABASE_URL };
  if (!env.DB_SECRET_ARN) throw new Error('no database configured: set DATABASE_URL or DB_SECRET_ARN');
  const arn = env.DB_SECRET_ARN;
  const secret = await readRdsSecret(arn);
  return {
    host: secret.host,
    port: secret.port,
    user: secret.username,
    database: secret.dbname,
    password: async () => (await readRdsSecret(arn)).password,
    ssl: verifiedTls(),
  };
}
