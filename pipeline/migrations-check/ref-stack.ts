/**
 * REF's own local stack (`npm start` in REF's worktree, the entry its README documents) serving REF's own
 * API from the check's database, exactly as it would after a rollback: on start it runs REF's own migration
 * runner, which finds REF's migrations applied (they are a prefix of HEAD's) and HEAD's extra ones after them,
 * as the old release's deploy-time trigger would in AWS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RefStackOptions {
  /** REF's worktree. */
  readonly dir: string;
  readonly databaseUrl: string;
  /** Pool size for REF's API (1 on an embedded PGlite); @default - the stack's own */
  readonly poolMax?: number;
  /** The commit REF is: its `/api/health` must answer it, proving this is REF's code. */
  readonly commit: string;
  /** @default 180000 (REF builds its web app and compiles on the fly) */
  readonly startTimeoutMs?: number;
}

export interface RefStack {
  /** `http://127.0.0.1:<port>/api` */
  readonly apiUrl: string;
  /** What REF's stack logged as errors (its JSON log lines at ERROR), newest last. */
  errors(): string[];
  stop(): Promise<void>;
}

/** The last lines a child process wrote, kept for a failure's explanation. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly keep = 400) {}
  push(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = parts.pop()!;
    this.lines.push(...parts);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }
  all(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }
}

export async function startRefStack(options: RefStackOptions): Promise<RefStack> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    LOCAL_DATA_DIR: 'memory',
    LOCAL_BEDROCK_DELAY_MS: '0', // the AI stand-in answers at once: the journey tests the schema, not the model
  };
  delete env.APP_VERSION; // the stack reports its own commit
  if (options.poolMax !== undefined) env.DB_POOL_MAX = String(options.poolMax);
  // Its own process group, so stopping it stops npm and everything under it.
  const child = spawn('npm', ['start'], {
    cwd: options.dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputTail();
  child.stdout!.on('data', (chunk) => output.push(chunk));
  child.stderr!.on('data', (chunk) => output.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stack: RefStack = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    errors: () =>
      output
        .all()
        .filter((line) => /"level":"ERROR"/.test(line))
        .map(condense),
    stop: () => stopGroup(child, exited),
  };
  try {
    await waitForHealth(stack.apiUrl, options, exited, output);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

async function waitForHealth(
  apiUrl: string,
  options: RefStackOptions,
  exited: Promise<number | null>,
  output: OutputTail,
): Promise<void> {
  const giveUpAt = Date.now() + (options.startTimeoutMs ?? 180_000);
  let stopped: number | null | undefined;
  void exited.then((code) => (stopped = code));
  let last = 'no answer yet';
  while (Date.now() < giveUpAt) {
    if (stopped !== undefined) {
      throw new Error(`REF's API stopped before serving (exit ${stopped}): ${explain(output.all())}`);
    }
    try {
      const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json().catch(() => ({}))) as { status?: string; version?: string };
      if (response.ok && body.status === 'ok') {
        if (body.version !== options.commit) {
          throw new Error(`the API on the port reports version ${body.version}, not REF's ${options.commit}`);
        }
        return;
      }
      last = `health answered ${response.status} ${JSON.stringify(body)}`;
    } catch (error) {
      if ((error as Error).message.startsWith('the API on the port')) throw error;
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`REF's API did not answer /health in time (${last}): ${explain(output.all())}`);
}

/** A JSON log line at ERROR, shortened to what it says went wrong (no stack). */
function condense(line: string): string {
  try {
    const entry = JSON.parse(line) as {
      message?: string;
      path?: string;
      error?: { message?: string; code?: string };
    };
    const what = [entry.message, entry.path].filter(Boolean).join(' ');
    const why = entry.error?.message ? `: ${entry.error.message}` : '';
    const code = entry.error?.code ? ` (${entry.error.code})` : '';
    return `${what}${why}${code}`;
  } catch {
    return line.slice(0, 300);
  }
}

/** The lines that say why a stack did not start: its errors, or its last words. */
function explain(lines: readonly string[]): string {
  const telling = lines.filter((line) => /error|fail|refus/i.test(line) && !/^\s+at /.test(line));
  return (
    (telling.length ? telling.slice(-3) : lines.slice(-3)).map((line) => line.trim()).join(' | ') ||
    'no output'
  );
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(15_000, false, { ref: false })]);
  if (!done) {
    signal('SIGKILL');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
