/**
 * A plan you can take with you, in Chromium against the local stack, on a desktop (English) and a phone
 * (Japanese, touch): repeating tasks ticked per day, Today with Anytime, relative dates, quick add and
 * reschedule; progress by the plan's rule on the goals list and the chart; the chart printed on one
 * landscape A4 page and saved as a PNG; goal deletion with Undo; "Download my data"; dark mode; the
 * installable app (manifest, icons, robots.txt, description) opening offline from its service worker.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApiClient, type ApiClient } from '../../services/web/src/api.js';
import { seriousViolations } from './axe.js';
import { launchChromium, type BrowserSession } from './chromium.js';
import { cspViolations, withSiteCsp } from './site-csp.js';
import { startWebStack, type WebStack } from './web-stack.js';

const SCREENSHOTS = 'test-results/screenshots';
let stack: WebStack;
const browsers: BrowserSession[] = [];

/** The parts of the chart view this journey adds (axe runs on them; the chart itself is chart.test.ts's). */
const chartRegionsAdded = ['.chart-toolbar', '.goal-progress', '.take-along', '.plan-progress-details'];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startWebStack();
});
afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await stack?.close();
});

interface Person {
  readonly page: Page;
  readonly api: ApiClient;
  readonly goalId: string;
}

/**
 * A new person signed up through the API with a goal whose two sub-goals and three actions are named,
 * signed in in a fresh browser (the session the app keeps in localStorage).
 */
async function personWithGoal(
  name: string,
  browser: { locale: string; viewport: { width: number; height: number }; hasTouch?: boolean },
): Promise<Person> {
  const anonymous = createApiClient(`${stack.url}/api`, () => null);
  const session = await anonymous.auth.signUp.mutate({
    email: `${name}-${Date.now()}@example.com`,
    password: 'correct horse battery',
    name,
  });
  const api = createApiClient(`${stack.url}/api`, () => session.accessToken);
  const goal = await api.goals.create.mutate({ title: 'Run a marathon' });
  await api.goals.setSubGoal.mutate({ goalId: goal.id, position: 0, title: 'Endurance' });
  await api.goals.setSubGoal.mutate({ goalId: goal.id, position: 1, title: 'Nutrition' });
  for (const [subGoal, position, title] of [
    [0, 0, 'Run often'],
    [0, 1, 'Learn to train'],
    [1, 0, 'Race fuel'],
  ] as const) {
    await api.goals.setAction.mutate({ goalId: goal.id, subGoalPosition: subGoal, position, title });
  }
  const chromium = await launchChromium(browser);
  browsers.push(chromium);
  await withSiteCsp(chromium.context, stack.url);
  const page = await chromium.context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(stack.url);
  await page.evaluate(
    (value) => localStorage.setItem('goal-mandala.session', value),
    JSON.stringify(session),
  );
  await page.reload(); // the app reads the session when it starts
  await page.locator('.main-nav').waitFor();
  return { page, api, goalId: goal.id };
}

/** The person's own date in the browser, and the next day. */
async function todayAndTomorrow(page: Page): Promise<[string, string]> {
  return page.evaluate(() => {
    const local = (at: Date) =>
      new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    return [local(new Date()), local(new Date(Date.now() + 86_400_000))];
  });
}

/** Number of pages of a PDF Chromium printed. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

describe('desktop, English', () => {
  let person: Person;
  let page: Page;

  beforeAll(async () => {
    person = await personWithGoal('Ann', { locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = person.page;
  });

  it('Today: quick add a repeating, a dated and an undated task; dates said relatively', async () => {
    await page.goto(`${stack.url}/#/today`);
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const quick = page.locator('form.quick-add');
    await quick
      .getByLabel('Action')
      .locator('option', { hasText: 'Run often' })
      .waitFor({ state: 'attached' });
    const add = async (title: string, action: string, when: string, repeats = 'Does not repeat') => {
      await quick.getByLabel('Task', { exact: true }).fill(title);
      await quick.getByLabel('Action').selectOption({ label: action });
      await quick.getByLabel('When').selectOption({ label: when });
      await quick.getByLabel('Repeats').selectOption({ label: repeats });
      await quick.getByRole('button', { name: 'Add task' }).click();
      await expect.poll(() => quick.locator('.notice').textContent()).toBe(`Added “${title}”.`);
    };
    await add('Easy run', 'Run often', 'Today', '3× a week');
    await add('Buy gels', 'Race fuel', 'Tomorrow');
    await add('Read a training book', 'Learn to train', 'Anytime');

    const group = (name: string) => page.locator(`.today-${name} .task`);
    await expect
      .poll(() => group('anytime').allTextContents())
      .toEqual(['Read a training bookRun a marathon › Learn to trainTomorrow']);
    expect(await group('dueToday').allTextContents()).toEqual([
      'Easy runRun a marathon › Run often3× a week · This week 0/3',
    ]);
    expect(await group('comingUp').allTextContents()).toEqual(['Buy gelsRun a marathon › Race fuelTomorrow']);
    expect(await page.getByRole('heading', { name: 'Anytime (1)' }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('Today: a repeating task is ticked for the day and counts in the week; reschedule moves a task', async () => {
    const run = page.locator('.today-dueToday .task', { hasText: 'Easy run' });
    await run.getByLabel('Done today: Easy run').check();
    await expect.poll(() => run.locator('.task-due').textContent()).toBe('3× a week · This week 1/3');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Done today: Easy run',
    );
    await page.reload();
    await page.locator('.today-dueToday .task-done', { hasText: 'Easy run' }).waitFor();

    await page.getByRole('button', { name: 'Move to tomorrow: Read a training book' }).click();
    const moved = page.locator('.today-comingUp .task', { hasText: 'Read a training book' });
    await moved.waitFor();
    expect(await moved.locator('time').textContent()).toBe('Tomorrow');
    expect(await page.locator('.today-anytime').count()).toBe(0);
    const [, tomorrow] = await todayAndTomorrow(page);
    expect(await moved.getByLabel('Due date: Read a training book').inputValue()).toBe(tomorrow);
    // Focus stays with the task moved.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Due date: Read a training book',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/plan-today-desktop.png`, fullPage: true });
  });

  it('progress follows the rule on the goals list and the chart, per sub-goal', async () => {
    // Endurance: (Run often 1/3 + Learn to train 0) / 2 = 16.7 %; Nutrition 0 % → the goal 8 %.
    await page.getByRole('navigation').getByRole('link', { name: 'My goals' }).click();
    const link = page.getByRole('link', { name: /Run a marathon/ });
    await expect.poll(() => link.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('8');
    expect(await page.locator('.progress-rule').textContent()).toContain(
      'each named sub-goal weighs the same',
    );
    expect(await seriousViolations(page)).toEqual([]);

    await link.click();
    const goalBar = page.getByRole('progressbar', { name: 'Goal progress' });
    await expect.poll(() => goalBar.getAttribute('aria-valuenow')).toBe('8');
    expect(await page.getByRole('progressbar', { name: 'Endurance' }).getAttribute('aria-valuenow')).toBe(
      '17',
    );
    expect(await page.getByRole('progressbar', { name: 'Nutrition' }).getAttribute('aria-valuenow')).toBe(
      '0',
    );
    expect(await seriousViolations(page, chartRegionsAdded)).toEqual([]);
  });

  it('saves the chart as a PNG drawn from the chart, and offers sharing only where the browser can', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as image' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Run-a-marathon-mandala.png');
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // IHDR: width and height of the 9×9 at 180 px a cell, with margins and the title band.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1700, 1790]);
    const canShare = await page.evaluate(() =>
      navigator.canShare?.({ files: [new File([new Uint8Array(1)], 'x.png', { type: 'image/png' })] }),
    );
    expect(await page.getByRole('button', { name: 'Share image' }).count()).toBe(canShare ? 1 : 0);
  });

  it('prints the chart alone on one landscape A4 page', async () => {
    await page.goto(`${stack.url}/#/goals/${person.goalId}`);
    await page.locator('.mandala').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOTS}/plan-print-media.png`, fullPage: true });
    for (const hidden of [
      '.app-header',
      '.chart-toolbar',
      '.take-along',
      '.side',
      '.goal-progress',
      '.plan-progress-details',
      '.ai-draft',
    ]) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    expect(await page.locator('.mandala').isVisible()).toBe(true);
    // Printing uses print media unless one is emulated: back to none (not 'screen', which would print as seen).
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(`${SCREENSHOTS}/plan-chart.pdf`, pdf);
    expect(pdfPages(pdf)).toBe(1);
    // A4 landscape in PDF points (297 × 210 mm).
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([842, 595]);
  });

  it('deletes a goal with a few seconds to undo, and for good once the notice goes', async () => {
    const spare = await person.api.goals.create.mutate({ title: 'Spare goal' });
    await page.goto(`${stack.url}/#/goals/${spare.id}`);
    await page.getByRole('button', { name: 'Delete goal' }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    const toast = page.locator('.toast-area[aria-live="polite"] .toast');
    expect(await toast.textContent()).toContain('Goal “Spare goal” deleted.');
    await page.getByRole('link', { name: /Run a marathon/ }).waitFor();
    expect(await page.getByRole('link', { name: /Spare goal/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Spare goal/ }).waitFor();

    await page.getByRole('link', { name: /Spare goal/ }).click();
    await page.getByRole('button', { name: 'Delete goal' }).click();
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(async () => (await person.api.goals.list.query()).map((goal) => goal.title))
      .toEqual(['Run a marathon']);
    await page.reload();
    await page.getByRole('link', { name: /Run a marathon/ }).waitFor();
    expect(await page.getByRole('link', { name: /Spare goal/ }).count()).toBe(0);
  });

  it('downloads my data as JSON from settings, offered beside account deletion', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Download my data' }).waitFor();
    // The account deletion form points to it.
    expect(await page.locator('#delete-account-help ~ .hint a').getAttribute('href')).toBe('#download-data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#download-data').getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^goal-mandala-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.complete).toBe(true);
    expect(data.goals.map((goal: { title: string }) => goal.title)).toEqual(['Run a marathon']);
    expect(data.tasks.map((task: { title: string }) => task.title).sort()).toEqual([
      'Buy gels',
      'Easy run',
      'Read a training book',
    ]);
    expect(data.completions).toHaveLength(1);
    expect(await page.getByRole('status').filter({ hasText: 'Your data was downloaded.' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('follows the system’s dark mode, still with no serious axe finding', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).click();
    await page.locator('.today-dueToday .task').first().waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(17, 22, 28)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/plan-today-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(245, 247, 250)',
    );
  });
});

describe('phone, Japanese, touch', () => {
  let page: Page;

  beforeAll(async () => {
    ({ page } = await personWithGoal('Kei', {
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    }));
  });

  it('Today in Japanese: quick add, 明日, いつでも, weekly habit; no serious axe finding', async () => {
    await page.goto(`${stack.url}/#/today`);
    await page.getByRole('heading', { name: '今日', level: 1 }).waitFor();
    const quick = page.locator('form.quick-add');
    await quick
      .getByLabel('アクション')
      .locator('option', { hasText: 'Run often' })
      .waitFor({ state: 'attached' });
    await quick.getByLabel('タスク', { exact: true }).fill('ストレッチ');
    await quick.getByLabel('繰り返し').selectOption({ label: '毎日' });
    await quick.getByRole('button', { name: 'タスクを追加' }).click();
    await expect.poll(() => quick.locator('.notice').textContent()).toBe('「ストレッチ」を追加しました。');
    await quick.getByLabel('タスク', { exact: true }).fill('ジェルを買う');
    await quick.getByLabel('いつ').selectOption({ label: '明日へ' });
    await quick.getByLabel('繰り返し').selectOption({ label: '繰り返さない' });
    await quick.getByRole('button', { name: 'タスクを追加' }).click();
    await page.locator('.today-comingUp .task', { hasText: 'ジェルを買う' }).waitFor();
    expect(await page.locator('.today-comingUp time').textContent()).toBe('明日');
    const stretch = page.locator('.today-dueToday .task', { hasText: 'ストレッチ' });
    expect(await stretch.locator('.task-due').textContent()).toBe('毎日');
    await stretch.getByLabel('今日完了: ストレッチ').tap();
    await expect.poll(() => stretch.getAttribute('class')).toContain('task-done');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/plan-today-phone.png`, fullPage: true });
  });

  it('the chart offers print and image in Japanese, with progress by sub-goal', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'マイ目標' }).click();
    const link = page.getByRole('link', { name: /Run a marathon/ });
    // Both tasks went to "Run often": the daily stretch done today (1) and the gels not yet (0) → Endurance
    // 50 %; Nutrition 0 % → the goal 25 %.
    await expect.poll(() => link.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    await link.tap();
    await page.getByRole('button', { name: '画像として保存' }).waitFor();
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(true);
    expect(await page.getByRole('progressbar', { name: 'Endurance' }).getAttribute('aria-valuenow')).toBe(
      '50',
    );
    expect(await page.locator('.progress-rule').textContent()).toContain('名前のあるサブ目標');
    expect(await seriousViolations(page, chartRegionsAdded)).toEqual([]);
  });

  it('settings offers データをダウンロード before deleting the account; no serious axe finding', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
    await page.getByRole('heading', { name: 'データをダウンロード' }).waitFor();
    const order = await page.evaluate(() =>
      [...document.querySelectorAll('.settings h2')].map((heading) => heading.textContent),
    );
    expect(order.indexOf('データをダウンロード')).toBeLessThan(order.indexOf('アカウントを削除'));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });
});

describe('installable, and found by search engines as meant', () => {
  it('serves a manifest with name, icons and start URL, a real robots.txt and a description', async () => {
    const manifest = await (await fetch(`${stack.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      name: 'Goal Mandala',
      start_url: '/',
      scope: '/',
      display: 'standalone',
    });
    for (const icon of manifest.icons as { src: string; sizes: string }[]) {
      const response = await fetch(new URL(icon.src, `${stack.url}/manifest.webmanifest`));
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    const robots = await fetch(`${stack.url}/robots.txt`);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await robots.text()).toMatch(/^User-agent: \*$/m);
    const html = await (await fetch(stack.url)).text();
    expect(html).toMatch(/<meta\s+name="description"\s+content="Goal Mandala: plan a goal/);
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
  });

  it('opens offline from its service worker, which never keeps API answers', async () => {
    const chromium = await launchChromium({ serviceWorkers: 'allow' });
    browsers.push(chromium);
    const page = await chromium.context.newPage();
    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    // An API call made while the worker controls the page.
    await page.evaluate(() => fetch('/api/health').then((response) => response.status));

    await chromium.context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('.app-header').isVisible()).toBe(true);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/');
    expect(cached.some((path) => path.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((path) => path.startsWith('/api/'))).toEqual([]);
    await chromium.context.setOffline(false);
  });
});
