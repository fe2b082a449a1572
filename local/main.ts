/**
 * `npm start`: the local stack on http://localhost:$PORT (API under /api, web app at /), after building the
 * web app if its sources changed.
 *
 * One process: the script is `exec node --import tsx local/main.ts`, so npm's child is this process
 * itself. npm forwards SIGINT and SIGTERM to its child only; a `sh -c "a && b"` in between dies of SIGTERM
 * without passing it on, and the server kept its port (npm/cli#5776). On either signal the server closes,
 * the embedded database stops, and the process exits 0.
 *
 * Environment:
 *   PORT            default 3000
 *   DATABASE_URL    a real PostgreSQL; default an embedded PGlite
 *   LOCAL_DATA_DIR  where the embedded database and the development signing key live; default .local-data;
 *                   `memory` keeps everything in memory (gone on exit)
 */
import { buildWebIfStale } from '../services/web/build-if-stale.js';
import { startLocalStack } from './local-stack.js';

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`PORT must be a port number, got "${process.env.PORT}"`);
const dataDirSetting = process.env.LOCAL_DATA_DIR ?? '.local-data';
const databaseUrl = process.env.DATABASE_URL || undefined;

let stack;
try {
  await buildWebIfStale();
  stack = await startLocalStack({
    port,
    databaseUrl,
    dataDir: dataDirSetting === 'memory' ? undefined : dataDirSetting,
  });
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  fail(code === 'EADDRINUSE' ? `port ${port} is in use; set PORT to another one` : message);
}

const database = databaseUrl
  ? 'PostgreSQL from DATABASE_URL'
  : dataDirSetting === 'memory'
    ? 'embedded PGlite (in memory)'
    : `embedded PGlite in ${dataDirSetting}/pglite`;
console.log(
  `Goal Mandala local stack on ${stack.url}  (API ${stack.url}/api, health ${stack.url}/api/health)`,
);
console.log(`database: ${database}. Ctrl-C stops.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C does not wait
    stopping = true;
    console.log('\nstopping…');
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`stop failed: ${(error as Error).message}`),
    );
  });
}
