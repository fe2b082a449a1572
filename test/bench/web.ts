/**
 * `npm run bench:web`: what the web app costs a visitor.
 *
 *   - built JavaScript and CSS, raw and gzip (target: ≤ 150 KB gzip of JavaScript);
 *   - time until a full 8×8 chart is interactive (the app's `chart-interactive` mark: all 81 cells drawn
 *     with their data, focusable) in headless Chromium against the local stack, cold (new browser
 *     profile) and warm (assets cached), next to a baseline in the same run: the same server's bare
 *     index.html reaching DOMContentLoaded with no script run;
 *   - the cold load again on a throttled "slow 4G" network (CDP emulation: 150 ms RTT, 1.6 Mbit/s).
 *
 * Ends with `ratio: <gzip JS ÷ 150 KB budget>` (≤ 1 meets the target).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApiClient } from '../../services/web/src/api.js';
import { launchChromium } from '../e2e-browser/chromium.js';
import { startWebStack } from '../e2e-browser/web-stack.js';
import { median } from './median.js';

const JS_BUDGET_KB = 150;
const LOADS = Number(process.env.BENCH_LOADS ?? 10);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

const stack = await startWebStack();
try {
  // Sizes of what the browser downloads.
  const assets = readdirSync(join(stack.webDir, 'assets'));
  const size = (ext: string) =>
    assets
      .filter((file) => file.endsWith(ext))
      .map((file) => readFileSync(join(stack.webDir, 'assets', file)))
      .reduce(
        (sum, content) => ({
          raw: sum.raw + content.length,
          gzip: sum.gzip + gzipSync(content, { level: 9 }).length,
        }),
        { raw: 0, gzip: 0 },
      );
  const js = size('.js');
  const css = size('.css');

  // A person with a full chart: 8 sub-goals and 64 actions.
  let token: string | null = null;
  const api = createApiClient(`${stack.url}/api`, () => token);
  const session = await api.auth.signUp.mutate({
    email: `bench-${Date.now()}@example.com`,
    password: 'bench password',
    name: 'Bench',
  });
  token = session.accessToken;
  const goal = await api.goals.create.mutate({ title: 'Run a marathon' });
  for (let s = 0; s < 8; s++) {
    await api.goals.setSubGoal.mutate({ goalId: goal.id, position: s, title: `Sub-goal ${s + 1}` });
    for (let a = 0; a < 8; a++) {
      await api.goals.setAction.mutate({
        goalId: goal.id,
        subGoalPosition: s,
        position: a,
        title: `Action ${s + 1}-${a + 1}`,
      });
    }
  }
  const chartUrl = `${stack.url}/#/goals/${goal.id}`;

  const browser = await launchChromium();
  try {
    await browser.context.addInitScript(
      (value: string) => localStorage.setItem('goal-mandala.session', value),
      JSON.stringify(session),
    );
    const interactive = async (throttle: boolean): Promise<number> => {
      const page = await browser.context.newPage();
      if (throttle) {
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 150,
          downloadThroughput: (1.6 * 1024 * 1024) / 8,
          uploadThroughput: (750 * 1024) / 8,
        });
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      }
      await page.goto(chartUrl);
      await page.waitForFunction(() => performance.getEntriesByName('chart-interactive').length > 0, null, {
        timeout: 60_000,
      });
      const cells = await page.locator('.mandala .cell-action:not(.empty)').count();
      if (cells !== 64) throw new Error(`bench: the chart showed ${cells} actions, not 64`);
      const at = await page.evaluate(() => performance.getEntriesByName('chart-interactive')[0]!.startTime);
      await page.close();
      return at;
    };
    const baseline = async (): Promise<number> => {
      const page = await browser.context.newPage();
      await page.route('**/assets/**', (route) => route.abort()); // the page alone, no app
      await page.goto(`${stack.url}/`, { waitUntil: 'domcontentloaded' });
      const at = await page.evaluate(
        () =>
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
            .domContentLoadedEventEnd,
      );
      await page.close();
      return at;
    };

    const cold = await interactive(false);
    const warm: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      warm.push(await interactive(false));
      bare.push(await baseline());
    }
    const slow = await interactive(true);

    const rows: [string, string][] = [
      ['JavaScript (raw / gzip)', `${kb(js.raw)} KB / ${kb(js.gzip)} KB   (budget ${JS_BUDGET_KB} KB gzip)`],
      ['CSS (raw / gzip)', `${kb(css.raw)} KB / ${kb(css.gzip)} KB`],
      ['chart interactive, cold (new profile)', `${cold.toFixed(0)} ms`],
      [
        `chart interactive, warm p50 / p95 (${LOADS} loads)`,
        `${median(warm).toFixed(0)} ms / ${p95(warm).toFixed(0)} ms`,
      ],
      [
        `baseline: bare index.html DOMContentLoaded p50 / p95`,
        `${median(bare).toFixed(0)} ms / ${p95(bare).toFixed(0)} ms`,
      ],
      ['chart interactive, cold on slow 4G (150 ms RTT, 1.6 Mbit/s)', `${slow.toFixed(0)} ms`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log('web app benchmark (local stack, headless Chromium, full 8×8 chart)');
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
    console.log(`ratio: ${(js.gzip / 1024 / JS_BUDGET_KB).toFixed(3)}`);
  } finally {
    await browser.close();
  }
} finally {
  await stack.close();
}
