/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: never a downloaded browser. Each
 * launch gets a new, empty profile; the flags keep Chromium from reaching out to the (closed) network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own empty profile (one per simulated person). */
export async function launchChromium(
  options: {
    locale?: string;
    viewport?: { width: number; height: number };
    hasTouch?: boolean;
    /**
     * The app's service worker (installable-app.ts). Blocked unless a test is about it: requests a worker
     * answers bypass Playwright's routes, which the journeys use to serve the site's CSP on every page.
     */
    serviceWorkers?: 'allow' | 'block';
    colorScheme?: 'light' | 'dark';
  } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'gm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    hasTouch: options.hasTouch ?? false,
    serviceWorkers: options.serviceWorkers ?? 'block',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
