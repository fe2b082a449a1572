/**
 * Where the database is: DATABASE_URL when set (local stack, tests), else the RDS secret by DB_SECRET_ARN.
 */
import type { PoolConfig } from 'pg';
import { z } from 'zod';
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
    // Aurora requires TLS from inside the VPC; the Lambda runtime trusts the RDS CA bundle.
    ssl: { rejectUnauthorized: false },
  };
}
