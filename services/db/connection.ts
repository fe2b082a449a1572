/**
 * Where the database is: DATABASE_URL when set (local stack, tests), else the RDS secret by DB_SECRET_ARN.
 * With a secret, the login (user and password: multi-user rotation alternates the user) is read for each
 * new connection, from the cache of services/shared/secrets.ts, or afresh when the server refused it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { PoolConfig } from 'pg';
import * as z from 'zod';
import { runtimeEnv } from '../shared/env.js';
import { forgetSecrets, getSecretString } from '../shared/secrets.js';

/** The JSON an RDS-generated secret holds. */
const rdsSecret = z.object({
  host: z.string(),
  port: z.coerce.number().int().default(5432),
  username: z.string(),
  password: z.string(),
  dbname: z.string().default('postgres'),
});

export type RdsSecret = z.infer<typeof rdsSecret>;

/** An RDS secret's fields, validated; the message names a missing field, never a value. */
export async function readRdsSecret(arn: string): Promise<RdsSecret> {
  const parsed = rdsSecret.safeParse(JSON.parse(await getSecretString(arn)));
  if (!parsed.success)
    throw new Error(`database secret: field ${parsed.error.issues[0]!.path.join('.')} is missing or invalid`);
  return parsed.data;
}

/** Amazon's CA bundle (RDS included) shipped in the Lambda runtime but not trusted by Node 20+ by default. */
const lambdaCaBundle = '/var/runtime/ca-cert.pem';

/** TLS to Aurora with the server certificate verified; none to this machine (tests), nothing leaves it. */
function verifiedTls(host: string): ConnectionOptions | false {
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') return false;
  return existsSync(lambdaCaBundle)
    ? { ca: readFileSync(lambdaCaBundle, 'utf8') }
    : { rejectUnauthorized: true };
}

export interface DatabaseLogin {
  readonly user: string;
  readonly password: string;
}

export interface DatabaseConnection {
  /** Where to connect (host, port, database, TLS), or a connection string that carries its login. */
  readonly config: PoolConfig;
  /**
   * The login, from the secret's cache; `fresh` drops the cache first (the server refused the cached
   * login: the secret was rotated). Absent with a connection string.
   */
  readonly login?: (options: { fresh: boolean }) => Promise<DatabaseLogin>;
}

export async function databaseConnection(): Promise<DatabaseConnection> {
  const env = runtimeEnv();
  if (env.DATABASE_URL) return { config: { connectionString: env.DATABASE_URL } };
  if (!env.DB_SECRET_ARN) throw new Error('no database configured: set DATABASE_URL or DB_SECRET_ARN');
  const arn = env.DB_SECRET_ARN;
  const secret = await readRdsSecret(arn);
  return {
    config: { host: secret.host, port: secret.port, database: secret.dbname, ssl: verifiedTls(secret.host) },
    async login({ fresh }) {
      if (fresh) forgetSecrets();
      const { username, password } = await readRdsSecret(arn);
      return { user: username, password };
    },
  };
}
