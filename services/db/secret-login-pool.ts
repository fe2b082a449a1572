/**
 * A `pg` pool whose new connections log in with the secret's current login, so rotation costs no request.
 * The login is read (from the secrets cache) before each checkout; a connection the server refuses with
 * 28P01 (the cached password was rotated away) is retried once with the secret read afresh. Multi-user
 * rotation switches the secret to the other user while the previous one keeps working, so a cached login
 * stays valid until the rotation after; a password changed in place is caught by the retry.
 */
import pg from 'pg';
import type { DatabaseLogin } from './connection.js';

type ReadLogin = (options: { fresh: boolean }) => Promise<DatabaseLogin>;
type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

const invalidPassword = '28P01';

function refusedLogin(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === invalidPassword;
}

export function createSecretLoginPool(config: pg.PoolConfig, readLogin: ReadLogin): pg.Pool {
  // The login new clients are built with; pg-pool builds them synchronously from the pool's options.
  let current: DatabaseLogin | undefined;

  class LoginClient extends pg.Client {
    constructor(clientConfig?: pg.ClientConfig) {
      super({ ...clientConfig, user: current?.user, password: current?.password });
    }
  }

  class SecretLoginPool extends pg.Pool {
    // pg-pool's `query` checks out through `connect(callback)`, so both forms come here.
    override connect(): Promise<pg.PoolClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      const connected = this.connectWithCurrentLogin();
      if (!callback) return connected;
      connected.then(
        (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
        (error: Error) => callback(error, undefined, () => undefined),
      );
    }

    private async connectWithCurrentLogin(): Promise<pg.PoolClient> {
      current = await readLogin({ fresh: false });
      try {
        return await super.connect();
      } catch (error) {
        if (!refusedLogin(error)) throw error;
        current = await readLogin({ fresh: true });
        return await super.connect();
      }
    }
  }

  return new SecretLoginPool({ ...config, Client: LoginClient as unknown as new () => pg.ClientBase });
}
