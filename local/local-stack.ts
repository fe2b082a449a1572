/**
 * The local stack: the API's handler modules behind a plain node:http server, each HTTP request turned
 * into the API Gateway proxy event those handlers get in AWS (same routes table, same paths), over an
 * embedded PostgreSQL (PGlite) or DATABASE_URL, plus the built web app at `/`.
 *
 * The handlers are composed with the local stack's own dependencies (its pool, a development signing key,
 * the outbox for reset mails, the workflow's local runner): nothing is set in the environment or in a
 * module, so several can run in one process.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import pg from 'pg';
import { accessTokens } from '../services/api/auth/tokens.js';
import type { ApiDependencies } from '../services/api/context.js';
import { createHandler as ai } from '../services/api/handlers/ai.js';
import { createHandler as auth } from '../services/api/handlers/auth.js';
import { createHandler as goals } from '../services/api/handlers/goals.js';
import { createHandler as health } from '../services/api/handlers/health.js';
import { createHandler as reflections } from '../services/api/handlers/reflections.js';
import { createHandler as tasks } from '../services/api/handlers/tasks.js';
import { healthRoute, type ServiceRoute } from '../services/api/routes.js';
import type { WorkflowStarter } from '../services/api/workflow-starter.js';
import { ensureAppRole } from '../services/db/app-role.js';
import { migrate } from '../services/db/migrate.js';
import { createPool } from '../services/db/pool.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { createLocalOutbox, outboxPath, type LocalOutbox } from './local-outbox.js';
import { toProxyEvent } from './proxy-event.js';
import { serveStatic } from './static-site.js';
import { startLocalServices } from './workflow/local-services.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const maxBodyBytes = 1024 * 1024;

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The handler factories of the routes table's modules (services/api/routes.ts), by service: the handlers
 * the api stack bundles, composed here with the local dependencies.
 */
export const serviceHandlerFactories: Readonly<
  Record<ServiceRoute['service'], (dependencies: ApiDependencies) => ProxyHandler>
> = { auth, goals, tasks, reflections, ai };

export const healthHandlerFactory = health;

export interface LocalStackOptions {
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** A real PostgreSQL; @default - an embedded PGlite */
  readonly databaseUrl?: string;
  /** Where the embedded database keeps its files; @default - in memory */
  readonly dataDir?: string;
  /** A PGlite dump (`dumpDataDir`) the embedded database starts from (tests); @default - a new cluster */
  readonly embeddedSnapshot?: Blob;
  /** Built web app to serve at `/`; @default services/web/dist when it exists */
  readonly webDir?: string;
  /** Start the workflow's local services (model endpoint, state machine runner); @default true */
  readonly workflow?: boolean;
}

export interface LocalStack {
  /** `http://host:port` (the API is under `/api`). */
  readonly url: string;
  /** The stack's database pool (tests read what the API wrote through it). */
  readonly pool: pg.Pool;
  /** Its size: 1 on the embedded database (one session), else DB_POOL_MAX or 10. */
  readonly poolMax: number;
  /** What `/api/health` reports: APP_VERSION, else the checked-out commit. */
  readonly version: string;
  /** The embedded database, when one is used (tests pause and resume it). */
  readonly embeddedDatabase?: EmbeddedPostgres;
  /** Password reset mails (also at `/_local/outbox`). */
  readonly outbox: LocalOutbox;
  close(): Promise<void>;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** A development signing key that survives restarts when the data does. */
async function localSigningKey(dataDir: string | undefined): Promise<Uint8Array> {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'jwt-dev-key');
  const existing = await readFile(file).catch(() => null);
  if (existing?.length === 32) return existing;
  const key = randomBytes(32);
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

// The context's methods do nothing locally: shared, not made anew for every request.
const remainingTime = () => 30_000;
const noop = () => undefined;

function lambdaContext(requestId: string, name: string): Context {
  return {
    awsRequestId: requestId,
    functionName: `local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${name}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/local-${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: remainingTime,
    done: noop,
    fail: noop,
    succeed: noop,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendResult(res: ServerResponse, result: APIGatewayProxyResult): void {
  const headers: Record<string, string | string[]> = {};
  for (const name in result.headers) headers[name] = String(result.headers[name]);
  for (const name in result.multiValueHeaders) headers[name] = result.multiValueHeaders[name]!.map(String);
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/**
 * The API runs as the application role, as on AWS: the deploy-time step's grants (rows only, no DDL)
 * made here with a password new each start. On a real server it logs in as `<database>_app`; the given
 * URL's user (the owner) only migrates. PGlite is one session that every connection shares, so there the
 * session itself switches to the role (`SET ROLE`) once the migrations have run.
 */
async function runAsApplicationRole(
  ownerPool: pg.Pool,
  ownerUrl: string | undefined,
  poolMax: number,
): Promise<pg.Pool> {
  if (!ownerUrl) {
    const login = { username: 'goalmandala_app', password: randomBytes(18).toString('hex') };
    await ensureAppRole(ownerPool, { login, resetPassword: true });
    await ownerPool.query(`SET ROLE ${pg.escapeIdentifier(login.username)}`);
    return ownerPool;
  }
  const url = new URL(ownerUrl);
  const database =
    decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
  const login = { username: `${database}_app`, password: randomBytes(18).toString('hex') };
  await ensureAppRole(ownerPool, { login, resetPassword: true });
  await ownerPool.end();
  url.username = encodeURIComponent(login.username);
  url.password = login.password;
  return createPool({ connectionString: url.toString() }, poolMax);
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // A fresh clone has no data folder yet: PGlite needs its parent to exist.
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        ...(options.dataDir && { dataDir: join(options.dataDir, 'pglite') }),
        ...(options.embeddedSnapshot && { loadDataDir: options.embeddedSnapshot }),
      });
  // PGlite is one session: one connection. A real server gets a small pool for this one process.
  const poolMax = embedded ? 1 : Number(process.env.DB_POOL_MAX ?? 10);
  let pool = createPool({ connectionString: options.databaseUrl ?? embedded!.url }, poolMax);
  try {
    await migrate(pool);
    pool = await runAsApplicationRole(pool, options.databaseUrl, poolMax);
    const signingKey = await localSigningKey(options.dataDir);
    return await serve(options, { pool, poolMax, embedded, signingKey });
  } catch (error) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}

interface LocalResources {
  readonly pool: pg.Pool;
  readonly poolMax: number;
  readonly embedded: EmbeddedPostgres | undefined;
  readonly signingKey: Uint8Array;
}

const noWorkflow = (): WorkflowStarter => {
  throw new Error('no workflow starter: the local stack runs without its workflow');
};

async function serve(options: LocalStackOptions, resources: LocalResources): Promise<LocalStack> {
  const { pool, embedded } = resources;
  const db = () => Promise.resolve(pool);
  const webDir = options.webDir ?? join(repoRoot, 'services/web/dist');
  const version = process.env.APP_VERSION ?? gitCommit();

  const workflow = options.workflow !== false ? await startLocalServices({ db }) : undefined;

  // Its links point at this server, whose address is known once it listens (before any request).
  const outbox = createLocalOutbox(() => siteUrl);
  let siteUrl = '';

  const dependencies: ApiDependencies = {
    db,
    tokens: accessTokens(() => resources.signingKey),
    passwordResetMailer: () => Promise.resolve(outbox.mailer),
    workflowStarter: workflow ? () => workflow.starter : noWorkflow,
    // No CloudFront in front: no viewer header is believed.
    originVerifySecretArn: undefined,
  };
  const serviceHandlers = Object.fromEntries(
    Object.entries(serviceHandlerFactories).map(([service, create]) => [service, create(dependencies)]),
  ) as Record<ServiceRoute['service'], ProxyHandler>;
  const healthHandler = healthHandlerFactory({ db, version: () => version });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === outboxPath) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(outbox.html());
    }
    if (url.pathname === healthRoute.path || url.pathname.startsWith('/api/')) {
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, { message: 'Request body too large' });
      if (url.pathname === healthRoute.path) {
        if (method !== 'GET') return sendJson(res, 405, { message: 'Method not allowed' });
        const event = toProxyEvent(req, url, body, healthRoute.path);
        const context = lambdaContext(event.requestContext.requestId, 'health');
        return sendResult(res, await healthHandler(event, context));
      }
      const [, , service, ...rest] = url.pathname.split('/');
      const handler = Object.hasOwn(serviceHandlers, service!)
        ? serviceHandlers[service as ServiceRoute['service']]
        : undefined;
      const rawProxy = rest.join('/');
      if (!handler || rawProxy === '') {
        return sendJson(res, 404, { message: `No route for ${url.pathname}` });
      }
      let proxy: string;
      try {
        proxy = decodeURIComponent(rawProxy);
      } catch {
        return sendJson(res, 400, { message: 'Malformed path' });
      }
      const event = toProxyEvent(req, url, body, `/api/${service}/{proxy+}`, proxy);
      return sendResult(res, await handler(event, lambdaContext(event.requestContext.requestId, service!)));
    }
    if ((method === 'GET' || method === 'HEAD') && existsSync(webDir)) {
      return serveStatic(webDir, url.pathname, method === 'HEAD', res);
    }
    sendJson(res, 404, { message: 'Not found' });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // Handlers answer their own errors; this is the local server itself failing.
      console.error('local stack: request failed:', (error as Error).message);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  siteUrl = `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: siteUrl,
    pool,
    poolMax: resources.poolMax,
    version,
    embeddedDatabase: embedded,
    outbox,
    close() {
      closing ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await workflow?.close();
        await pool.end();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}
