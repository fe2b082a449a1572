/**
 * `npm start` (local/main.ts) runs this first: builds the web app only when services/web/dist is
 * missing or older than its sources, so a fresh clone gets the app and a restart stays fast.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const builtIndex = join(webRoot, 'dist', 'index.html');
const sources = [
  'index.html',
  'vite.config.ts',
  'installable-app.ts',
  'app-icon.ts',
  'service-worker.js',
  'public',
  'src',
].map((entry) => join(webRoot, entry));

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

export async function buildWebIfStale(): Promise<void> {
  const stale =
    !existsSync(builtIndex) || Math.max(...sources.map(newestChange)) > statSync(builtIndex).mtimeMs;
  if (!stale) return;
  console.log('building the web app (services/web/dist)…');
  const { build } = await import('vite'); // loaded only when needed: it takes a second to import
  await build({ configFile: join(webRoot, 'vite.config.ts') });
}
