/**
 * Builds the web app into services/web/dist. The local stack serves that folder at `/`; the pipeline
 * publishes it as an immutable release under `releases/<releaseId>/` in the site bucket.
 *
 * RELEASE_ID names the build (default: the git commit); RELEASE_BASE is the public path its assets are
 * loaded from (default `/`; releases use `/releases/<releaseId>/` so a page always loads the assets of
 * its own release, even while the active pointer switches underneath it).
 */
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { installableApp } from './installable-app.js';

function defaultReleaseId(): string {
  try {
    return execSync('git rev-parse --short=12 HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'dev';
  }
}

/** Stamps the release id into index.html (`<meta name="release">`), which the smoke test reads back. */
function releaseStamp(releaseId: string): Plugin {
  return {
    name: 'release-stamp',
    transformIndexHtml: (html) => html.replaceAll('__RELEASE_ID__', releaseId),
  };
}

const releaseId = process.env.RELEASE_ID || defaultReleaseId();

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: process.env.RELEASE_BASE || '/',
  logLevel: 'warn',
  plugins: [releaseStamp(releaseId), installableApp(releaseId)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
