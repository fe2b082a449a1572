/**
 * Rotation fails no request. The API's real handlers and pool serve requests, one at a time as a Lambda
 * container does, reading their login from the secret (DB_SECRET_ARN; the Secrets Manager call is the
 * stand-in, cached by services/shared/secrets.ts as on Lambda), while the application user's password
 * really changes on PostgreSQL the two ways rotation does it. New connections keep being opened (the pool
 * is replaced every few requests, as new containers and aged-out connections do), so the cached login is
 * put to the server again and again.
 * - Single user: the password changes in place; the cached one is now wrong (28P01) and is read afresh.
 * - Alternating users (addRotationMultiUser): the secret moves to `<login>_clone` with a new password
 *   while the previous user keeps working; the rotation after changes the previous user's password.
 */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as authHandler } from '../../../services/api/handlers/auth.js';
import { handler as goalsHandler } from '../../../services/api/handlers/goals.js';
import { handler as healthHandler } from '../../../services/api/handlers/health.js';
import { appRoleNames } from '../../../services/db/app-role.js';
import { closePool } from '../../../services/db/pool.js';
import { resetRuntimeEnv } from '../../../services/shared/env.js';
import { logger } from '../../../services/shared/logger.js';
import { forgetSecrets } from '../../../services/shared/secrets.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { startPasswordPostgres, type PasswordPostgres } from '../../helpers/password-postgres.js';
import { apiEvent, lambdaContext } from './events.js';

const arn = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app-login-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const saved = { ...process.env };

let server: PasswordPostgres;
let db: TestDatabase;
/** What Secrets Manager holds now (AWSCURRENT). */
let secret: { host: string; port: number; username: string; password: string; dbname: string };
let token: string;
let goalId: string;
const outcomes: { phase: string; status: number }[] = [];

beforeAll(async () => {
  logger.setLogLevel('SILENT');
  // The shared test server trusts local connections: this one checks passwords.
  server = await startPasswordPostgres();
  db = await createTestDatabase({ serverUrl: server.url });
  const url = new URL(db.url);
  secret = {
    host: url.hostname,
    port: Number(url.port),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    dbname: url.pathname.slice(1),
  };
  secrets
    .on(GetSecretValueCommand, { SecretId: arn })
    .callsFake(() => ({ SecretString: JSON.stringify(secret) }));
  delete process.env.DATABASE_URL;
  Object.assign(process.env, { DB_SECRET_ARN: arn, DB_POOL_MAX: '2', APP_VERSION: 'rotation' });
  resetRuntimeEnv();
  forgetSecrets();
  await closePool();
  const signUp = await call(authHandler, 'auth', 'signUp', {
    body: JSON.stringify({ email: 'rotation@example.com', password: 'password123', name: 'R' }),
  });
  token = JSON.parse(signUp.body).result.data.accessToken;
  const created = await call(goalsHandler, 'goals', 'create', { body: '{"title":"Rotation"}' });
  goalId = JSON.parse(created.body).result.data.id;
});

afterAll(async () => {
  await closePool();
  forgetSecrets();
  secrets.restore();
  process.env = { ...saved };
  resetRuntimeEnv();
  await db?.close();
  await server?.stop();
});

type ProxyHandler = (
  event: ReturnType<typeof apiEvent>,
  context: typeof lambdaContext,
) => Promise<APIGatewayProxyResult>;

async function call(
  handler: ProxyHandler,
  service: string,
  procedure: string,
  opts: { body?: string; input?: unknown } = {},
): Promise<APIGatewayProxyResult> {
  return handler(apiEvent({ service, procedure, token, ...opts }), lambdaContext);
}

/** `count` requests (a write, a read, a health probe in turn); a fresh pool every third one. */
async function serve(phase: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    if (i % 3 === 0) await closePool();
    const res =
      i % 3 === 0
        ? await call(goalsHandler, 'goals', 'update', {
            body: JSON.stringify({ goalId, title: `${phase} ${i}` }),
          })
        : i % 3 === 1
          ? await call(goalsHandler, 'goals', 'get', { input: { goalId } })
          : await healthHandler();
    outcomes.push({ phase, status: res.statusCode });
  }
}

async function asOwner(sql: string): Promise<void> {
  await db.ownerPool.query(sql);
}

const newPassword = () => randomBytes(18).toString('hex');
const secretReads = () => secrets.commandCalls(GetSecretValueCommand).length;

/** The application users the API's connections are logged in as now. */
async function connectedUsers(): Promise<string[]> {
  const { rows } = await db.ownerPool.query<{ usename: string }>(
    `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND usename <> current_user ORDER BY 1`,
    [secret.dbname],
  );
  return rows.map((r) => r.usename);
}

describe('secret rotation while requests flow', () => {
  it('single user: the password changes in place, the cached one is refused once and read afresh', async () => {
    await serve('before', 15);
    const readsBefore = secretReads();
    const password = newPassword();
    await asOwner(
      `ALTER ROLE ${pg.escapeIdentifier(secret.username)} PASSWORD ${pg.escapeLiteral(password)}`,
    );
    secret = { ...secret, password };
    await serve('single-user', 30);
    // The cache still held the old password: the first new connection was refused and the secret re-read.
    expect(secretReads()).toBeGreaterThan(readsBefore);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('alternating users: the secret moves to the clone, the previous user keeps working, then is rotated', async () => {
    const { login, clone } = appRoleNames(secret.username);
    // First multi-user rotation (as the rotation function does it with the master secret): create the clone
    // as a member of the current user, then point the secret at it.
    const clonePassword = newPassword();
    await asOwner(
      `CREATE ROLE ${pg.escapeIdentifier(clone)} WITH LOGIN PASSWORD ${pg.escapeLiteral(clonePassword)}`,
    );
    await asOwner(`GRANT ${pg.escapeIdentifier(login)} TO ${pg.escapeIdentifier(clone)}`);
    secret = { ...secret, username: clone, password: clonePassword };
    await serve('clone-current, old login cached', 15);
    // The cache expires (5 minutes on Lambda): new connections log in as the clone, which reads and writes.
    forgetSecrets();
    await serve('clone-current', 15);
    expect(await connectedUsers()).toEqual([clone]);
    // The next rotation changes the other user's password and points the secret back at it; a container
    // still caching the login from two rotations ago is refused once and reads afresh.
    const loginPassword = newPassword();
    await asOwner(`ALTER ROLE ${pg.escapeIdentifier(login)} PASSWORD ${pg.escapeLiteral(loginPassword)}`);
    secret = { ...secret, username: login, password: loginPassword };
    await serve('login-current, clone cached', 15);
    expect(await connectedUsers()).toEqual([clone]);
    forgetSecrets();
    await serve('login-current', 15);
    expect(await connectedUsers()).toEqual([login]);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
  });

  it('served every request of both rotations', () => {
    expect(outcomes.length).toBe(15 + 30 + 60);
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    console.info(
      `secret rotation: ${outcomes.length} requests, ${outcomes.filter((o) => o.status !== 200).length} failed`,
    );
  });
});
