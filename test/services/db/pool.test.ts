/**
 * Where the pool connects and how it is sized: DATABASE_URL, or the RDS secret by DB_SECRET_ARN read once
 * and cached; the deploy-time migration handler runs the migrations and leaves no connection behind.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseConnection } from '../../../services/db/connection.js';
import { handler as migrateHandler } from '../../../services/db/migrate-handler.js';
import { migrationList } from '../../../services/db/migration-list.js';
import { closePool, getPool, poolDefaults } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { forgetSecrets } from '../../../services/shared/secrets.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const secrets = mockClient(SecretsManagerClient);
const saved = { ...process.env };

function setEnv(env: Record<string, string | undefined>): void {
  for (const key of ['DATABASE_URL', 'DB_SECRET_ARN', 'DB_POOL_MAX', 'AWS_LAMBDA_FUNCTION_NAME'])
    delete process.env[key];
  Object.assign(process.env, env);
  resetRuntimeEnv();
}

afterEach(async () => {
  await closePool();
  secrets.reset();
  forgetSecrets();
  process.env = { ...saved };
  resetRuntimeEnv();
});

describe('pool', () => {
  it('is sized for Lambda: 2 connections, idle, connect and statement timeouts', async () => {
    setEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:1/db' });
    const pool = await getPool();
    expect(pool.options).toMatchObject({ max: 2, ...poolDefaults });
    expect(await getPool()).toBe(pool);
  });

  it('reads the RDS secret by ARN once, and the login per new connection from the cache or afresh', async () => {
    const arn = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf';
    secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({
      SecretString: JSON.stringify({
        host: 'db.internal',
        port: 5432,
        username: 'app',
        password: 's3cret',
        dbname: 'mandala',
      }),
    });
    setEnv({ DB_SECRET_ARN: arn });
    const { config, login } = await databaseConnection();
    expect(config).toMatchObject({ host: 'db.internal', port: 5432, database: 'mandala' });
    expect(config.ssl).toBeTruthy(); // TLS to anything but this machine
    expect(JSON.stringify(config)).not.toContain('s3cret');
    expect(await login!({ fresh: false })).toEqual({ user: 'app', password: 's3cret' });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(await login!({ fresh: true })).toEqual({ user: 'app', password: 's3cret' });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('names the missing field of a malformed secret', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ host: 'h', username: 'u' }) });
    setEnv({ DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x' });
    await expect(databaseConnection()).rejects.toThrow(/^database secret: field password/);
  });

  it('refuses to start on Lambda without a database', async () => {
    setEnv({ AWS_LAMBDA_FUNCTION_NAME: 'fn' });
    await expect(getPool()).rejects.toThrow(
      'environment variable DB_SECRET_ARN: required on Lambda (or DATABASE_URL)',
    );
  });
});

describe('migration handler', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses to start on Lambda without the application login to create', async () => {
    setEnv({ AWS_LAMBDA_FUNCTION_NAME: 'migrate', DATABASE_URL: db.ownerUrl });
    delete process.env.DB_APP_SECRET_ARN;
    await expect(migrateHandler()).rejects.toThrow(
      /^environment variable DB_APP_SECRET_ARN: required on Lambda \(the application login\)$/,
    );
  });

  it('applies pending migrations, is idempotent, and closes its pool', async () => {
    setEnv({ DATABASE_URL: db.ownerUrl, DB_POOL_MAX: '1' });
    expect(await migrateHandler()).toEqual({ applied: migrationList.map(([name]) => name) });
    expect(await migrateHandler()).toEqual({ applied: [] });
    const pool = await getPool();
    expect(pool.totalCount).toBe(0); // a new pool: the handler closed its own
  });
});
