/**
 * An embedded PostgreSQL for the local stack and tests: PGlite (Postgres compiled to WASM) served over
 * the wire protocol, so the same `pg` code that talks to Aurora talks to it.
 *
 * PGlite is one database session: connections share it (a `SET` leaks, one transaction blocks the others),
 * so clients must use a pool of 1. The server still admits a few connections because it forgets a closed
 * one only some time later, and `pg` replaces its connection after every failed query: with a limit of 1 the
 * reconnect would be refused ("Too many connections") and the request after a 409 would fail.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const maxConnections = 8;

export interface EmbeddedPostgresOptions {
  /** Directory holding the data; @default - in memory, gone when the process stops */
  readonly dataDir?: string;
  /** TCP port; @default 0 - any free port */
  readonly port?: number;
  /** A data directory dumped by PGlite (`dumpDataDir`) to start from instead of a new cluster; @default - none */
  readonly loadDataDir?: Blob;
}

export interface EmbeddedPostgres {
  /** `postgres://…` connection string for `pg`. */
  readonly url: string;
  /** Stop serving (drops open connections) but keep the data: the database "goes away". */
  pause(): Promise<void>;
  /** Serve again on the same port after `pause()`. */
  resume(): Promise<void>;
  /** Stop serving and close the database. */
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create({
    ...(options.dataDir && { dataDir: options.dataDir }),
    ...(options.loadDataDir && { loadDataDir: options.loadDataDir }),
  });
  let server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  let serving = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async pause() {
      if (!serving) return;
      serving = false;
      await server.stop();
    },
    async resume() {
      if (serving) return;
      server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
      await server.start();
      serving = true;
    },
    async stop() {
      if (serving) await server.stop();
      serving = false;
      await db.close();
    },
  };
}
