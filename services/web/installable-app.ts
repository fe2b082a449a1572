/**
 * What makes the web app installable, written at build time: the web app manifest (name, icons, start
 * URL), the icons (app-icon.ts) and the service worker (service-worker.js) with the exact list of this
 * release's files to keep for offline use. The manifest and icons sit with the release's assets; the
 * worker is requested at the site root (`/sw.js`, which the release router and the local site serve from
 * the active release) so its scope is the whole app.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { appIconPng } from './app-icon.js';

const iconSizes = [192, 512] as const;

export function installableApp(releaseId: string): Plugin {
  let base = '/';
  return {
    name: 'installable-app',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      for (const size of iconSizes) {
        this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: appIconPng(size) });
      }
      const manifest = {
        name: 'Goal Mandala',
        short_name: 'Mandala',
        description: 'One goal, eight sub-goals, sixty-four actions. / 目標を9×9のマンダラチャートに。',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#1f3a5f',
        icons: iconSizes.map((size) => ({
          src: `icons/icon-${size}.png`,
          sizes: `${size}x${size}`,
          type: 'image/png',
          purpose: 'any maskable',
        })),
      };
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: JSON.stringify(manifest, null, 2),
      });
      // The release's own files as the page requests them: the bundle under `base`; the manifest and icons
      // from the root (index.html links them there; the release router and the local site serve them).
      const files = [
        ...Object.keys(bundle)
          .filter((name) => name !== 'index.html' && !name.endsWith('.map'))
          .map((name) => `${base}${name}`),
        ...iconSizes.map((size) => `/icons/icon-${size}.png`),
        '/manifest.webmanifest',
      ];
      const worker = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8')
        .replaceAll('__RELEASE_ID__', releaseId)
        .replace('const FILES = __FILES__;', `const FILES = ${JSON.stringify(files)};`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: worker });
    },
  };
}
