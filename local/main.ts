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
import { parseArgs } from 'node:util';
import { buildWebIfStale } from '../services/web/build-if-stale.js';
import { startLocalStack } from './local-stack.js';

const USAGE = 'npm start   (settings in the environment: PORT=3001 npm start)';
const HELP = `usage: ${USAGE}

The local stack: the API's own Lambda handlers on http://localhost:$PORT/api over an embedded PostgreSQL
(PGlite), the AI workflow run locally, the web app at /. No AWS, Docker or database server. Ctrl-C stops it.

environment:
  PORT                    where it listens (default 3000)
  DATABASE_URL            a real PostgreSQL instead of the embedded one
  LOCAL_DATA_DIR          embedded database files and the development signing key (default .local-data;
                          memory keeps nothing)
  LOCAL_AI_MODEL          stand-in (default) or bedrock (this machine's AWS credentials; billed)
  LOCAL_BEDROCK_DELAY_MS  how long the local model stand-in takes per answer (default 300)

see README.md, "The local stack"
`;

function fail(message: string, status = 1): never {
  console.error(`npm start: ${message}`);
  process.exit(status);
}

// It takes no arguments: --help explains, anything else is one line naming it (exit status 2).
try {
  if (parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  const argument = /'([^']+)'/.exec(message)?.[1] ?? message;
  fail(
    `${code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${argument}` : `unexpected argument "${argument}"`}; usage: ${USAGE} (--help explains)`,
    2,
  );
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
