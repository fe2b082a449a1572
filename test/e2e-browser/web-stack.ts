/** The local stack (in-process, embedded database in memory) serving a fresh build of the web app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack, type LocalStack } from '../../local/local-stack.js';

export interface WebStack {
  readonly url: string;
  readonly webDir: string;
  close(): Promise<void>;
}

export async function buildWebApp(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: fileURLToPath(new URL('../../services/web/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
}

export interface WebStackOptions {
  /**
   * How long the local model takes per answer (the local stack's LOCAL_BEDROCK_DELAY_MS, read when the
   * stack starts): long enough, a draft can be watched and interrupted mid-way.
   * @default - the local stack's own default
   */
  readonly modelDelayMs?: number;
}

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  // The stack runs in this process: its workflow reads the delay from this process's environment.
  if (options.modelDelayMs !== undefined) process.env.LOCAL_BEDROCK_DELAY_MS = String(options.modelDelayMs);
  const webDir = mkdtempSync(join(tmpdir(), 'gm-web-'));
  await buildWebApp(webDir);
  let stack: LocalStack;
  try {
    stack = await startLocalStack({ port: 0, webDir });
  } catch (error) {
    rmSync(webDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: stack.url,
    webDir,
    async close() {
      await stack.close();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
