/**
 * The deploy-time migration handler as the trigger runs it, on real PostgreSQL: it creates the application
 * login from its secret (DB_APP_SECRET_ARN; the Secrets Manager call is the stand-in) with the grants, and
 * when it cannot get a lock in time it throws, so the trigger fails and no alias moves.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { PG_MIGRATE_LOCK_ID } from 'node-pg-migrate';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as migrateHandler } from '../../../services/db/migrate-handler.js';
import { migrationList } from '../../../services/db/migration-list.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { logger } from '../../../services/shared/logger.js';
import { forgetSecrets } from '../../../services/shared/secrets.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

const arn = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app-login-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const saved = { ...process.env };
let db: TestDatabase;
let login: { username: string; password: string };

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  db = await createTestDatabase({ migrated: false });
  const url = new URL(db.url);
  login = { username: decodeURIComponent(url.username), password: 'from-the-secret-only' };
  secrets.on(GetSecretValueCommand, { SecretId: arn }).resolves({
    SecretString: JSON.stringify({ host: url.hostname, port: Number(url.port), ...login }),
  });
  delete process.env.DB_SECRET_ARN;
  Object.assign(process.env, { DATABASE_URL: db.ownerUrl, DB_APP_SECRET_ARN: arn, DB_POOL_MAX: '2' });
  resetRuntimeEnv();
});
afterEach(async () => {
  await closePool();
});
afterAll(async () => {
  secrets.restore();
  forgetSecrets();
  process.env = { ...saved };
  resetRuntimeEnv();
  await db?.close();
});

describe('the deploy-time migration handler', () => {
  it('migrates, then creates the application login from its secret with rows-only grants', async () => {
    expect(await migrateHandler()).toEqual({ applied: migrationList.map(([name]) => name) });
    const { rows } = await db.ownerPool.query(
      `SELECT rolcanlogin, rolsuper, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = $1`,
      [login.username],
    );
    expect(rows).toEqual([{ rolcanlogin: true, rolsuper: false, scram: true }]);
    const app = new pg.Client({ connectionString: db.url });
    await app.connect();
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM goals')).rows).toEqual([{ n: 0 }]);
      await expect(app.query('DROP TABLE goals')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
  });

  it('throws when another run holds the migration lock past lock_timeout: the trigger fails', async () => {
    const other = new pg.Client({ connectionString: db.ownerUrl });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(${PG_MIGRATE_LOCK_ID})`);
      await expect(migrateHandler()).rejects.toMatchObject({ code: '55P03' });
    } finally {
      await other.end();
    }
    expect(await migrateHandler()).toEqual({ applied: [] });
  });
});
