/**
 * `npm start` for real: SIGTERM or SIGINT sent to the npm process alone (as a process manager or `kill <pid>`
 * does, not Ctrl-C to the whole group) stops the local stack cleanly: the port is freed, every process npm
 * started has exited, and npm exits 0 or by the signal. Bounded waits that poll; no fixed sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Starting may include building the web app on a fresh clone. */
const startBoundMs = 90_000;
const stopBoundMs = 15_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every live process below `pid` (from /proc: children of children, and so on). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while listing
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z'; // a zombie has exited
  } catch {
    return false;
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, boundMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${boundMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let started: { npm: ChildProcess; processes: number[] } | undefined;

afterEach(() => {
  // Whatever a failed run left behind: only the processes this test started, by their ids.
  for (const pid of started ? [started.npm.pid!, ...started.processes] : []) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  started = undefined;
});

describe('npm start stops cleanly when its own process is signalled', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the npm process frees the port and ends every process it started',
    async (signal) => {
      const port = await freePort();
      const npm = spawn('npm', ['start'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: 'memory', LOCAL_BEDROCK_DELAY_MS: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        npm.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
      );
      started = { npm, processes: [] };

      await until('GET /api/health answers 200', startBoundMs, async () => {
        if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
        return res?.status === 200;
      });
      const processes = descendants(npm.pid!);
      started.processes = processes;
      expect(processes.length).toBeGreaterThan(0);

      npm.kill(signal);

      await until(`port ${port} freed`, stopBoundMs, async () => !(await portAnswers(port)));
      await until('every process npm start started has exited', stopBoundMs, () => !processes.some(alive));
      const exit = await exited;
      const signalExitCode = signal === 'SIGTERM' ? 143 : 130;
      expect([0, signalExitCode]).toContain(exit.code ?? (exit.signal === signal ? signalExitCode : -1));
      expect(output).toContain('stopping');
    },
    startBoundMs + 3 * stopBoundMs,
  );
});
