/**
 * The whole journey in real Chromium against the local stack: sign up → create a goal → fill cells with
 * the keyboard → draft with AI → all 64 actions → add and complete a task → write a reflection → a second
 * goal's draft survives a page reload mid-way → sign out and back in, everything still there; then a second
 * person (Japanese browser, phone-sized screen) sees none of it; then the first edits a goal, changes the
 * password in settings, resets it through the local outbox's link, and deletes the account. Screenshots go to test-results/screenshots/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { launchChromium, type BrowserSession } from './chromium.js';
import { cspViolations, withSiteCsp } from './site-csp.js';
import { startWebStack, type WebStack } from './web-stack.js';

const SCREENSHOTS = 'test-results/screenshots';
const ann = { name: 'Ann', email: `ann-${Date.now()}@example.com`, password: 'correct horse battery' };
const goalTitle = 'Become a trusted software engineer';

let stack: WebStack;
let annBrowser: BrowserSession;
let page: Page;
let goalUrl = '';

/**
 * The local model answers each request this late (a draft makes two requests one after the other), so a
 * draft lasts several seconds: long enough to reload the page while it runs.
 */
const MODEL_DELAY_MS = 3000;

const cell = (p: Page, slot: string) => p.locator(`.mandala [data-slot="${slot}"]`).first();
/** A cell's own title (without its task badge or progress bar). */
const cellText = (p: Page, slot: string) => cell(p, slot).locator('.cell-text').textContent();
const filledActionCount = (p: Page) => p.locator('.mandala .cell-action:not(.empty)').count();

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** The AI drafts the app remembers in this browser, as [key, value] pairs. */
const rememberedDrafts = (p: Page) =>
  p.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith('goal-mandala.aiDraft:')));

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startWebStack({ modelDelayMs: MODEL_DELAY_MS });
  annBrowser = await launchChromium({ locale: 'en-US' });
  await withSiteCsp(annBrowser.context, stack.url);
  page = await annBrowser.context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});

afterAll(async () => {
  await annBrowser?.close();
  await stack?.close();
});

describe('Goal Mandala in Chromium', () => {
  it('offers sign-in first, and signs a new person up', async () => {
    await page.goto(stack.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await shot(page, '01-sign-in');
    // axe-core finds no serious or critical accessibility violation (here and on every main view).
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill(ann.name);
    await page.getByLabel('E-mail').fill(ann.email);
    await page.getByLabel('Password').fill(ann.password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    await page.getByText('No goals yet').waitFor();
    // Focus moved to the new view's heading after sign-in.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('My goals');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('creates a goal and fills cells in place with the keyboard (Enter saves, Escape cancels)', async () => {
    await page.getByLabel('Goal', { exact: true }).fill(goalTitle);
    await page.getByLabel('Deadline').fill('2027-03-31');
    await page.getByRole('button', { name: 'Create' }).click();
    await cell(page, 'goal').waitFor();
    goalUrl = page.url();
    expect(goalUrl).toMatch(/#\/goals\/[0-9a-f-]{36}$/);
    expect(await cellText(page, 'goal')).toBe(goalTitle);

    // Click the first sub-goal in the centre block, type, Enter.
    await page.locator('[data-block="4"][data-slot="sub-0"]').click();
    await page.getByLabel('Edit Sub-goal 1').fill('Health');
    await page.keyboard.press('Enter');
    // Focus stays on the cell; arrow keys move, Enter edits.
    await page.keyboard.press('ArrowRight'); // sub-goal 2
    await page.keyboard.press('Enter');
    await page.keyboard.type('Craft');
    await page.keyboard.press('Enter');
    // Escape throws an edit away.
    await page.keyboard.press('ArrowRight'); // sub-goal 3
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thrown away');
    await page.keyboard.press('Escape');
    // An action of sub-goal 1 (top-left block, first cell).
    await cell(page, 'action-0-0').click();
    await page.keyboard.type('Run 5 km every morning');
    await page.keyboard.press('Enter');

    // The chart is a single Tab stop (roving), at the cell last used.
    expect(await page.locator('.mandala [tabindex="0"]').count()).toBe(1);
    expect(await page.locator('.mandala [tabindex="0"]').getAttribute('data-slot')).toBe('action-0-0');
    // Both places that show sub-goal 1 show it; Escape left sub-goal 3 empty.
    await expect
      .poll(() => page.locator('[data-slot="sub-0"] .cell-text').allTextContents())
      .toEqual(['Health', 'Health']);
    expect(await cellText(page, 'sub-2')).toBe('');

    // Saved on the server: a reload shows the same chart.
    await page.waitForFunction(() => document.querySelectorAll('.cell.unsaved').length === 0);
    await page.reload();
    await cell(page, 'goal').waitFor();
    expect(await cellText(page, 'sub-0')).toBe('Health');
    expect(await cellText(page, 'sub-1')).toBe('Craft');
    expect(await cellText(page, 'sub-2')).toBe('');
    expect(await cellText(page, 'action-0-0')).toBe('Run 5 km every morning');
    expect(await filledActionCount(page)).toBe(1);
  });

  it('drafts the empty cells with AI, showing progress until the job ends: all 64 actions', async () => {
    await page.getByRole('button', { name: 'Draft with AI' }).click();
    await page.locator('.ai-status progress').waitFor({ state: 'visible' });
    await shot(page, '02-ai-drafting');
    await page.locator('.ai-status[data-state="succeeded"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('.ai-status progress').count()).toBe(0);

    await expect.poll(() => filledActionCount(page)).toBe(64);
    expect(await page.locator('.mandala .cell-subGoal.empty').count()).toBe(0);
    // The page says the drafts come from the offline stand-in, not Bedrock.
    expect(await page.locator('.ai-source').isVisible()).toBe(true);
    expect(await page.locator('.ai-source').textContent()).toContain('local stand-in');
    // Drafts read like a plan: no cell repeats the goal's words, and the actions begin in many ways.
    const drafted = await page.locator('.mandala .cell-action .cell-text').allTextContents();
    for (const title of drafted) expect(title).not.toMatch(/trusted|software|engineer/i);
    expect(new Set(drafted.map((title) => title.split(' ')[0])).size).toBeGreaterThanOrEqual(20);
    // The AI filled only empty cells: what the person wrote is untouched.
    expect(await cellText(page, 'sub-0')).toBe('Health');
    expect(await cellText(page, 'action-0-0')).toBe('Run 5 km every morning');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, '03-chart-drafted');
    await page.locator('.mandala').screenshot({ path: `${SCREENSHOTS}/mandala-chart.png` });
    if (process.env.UPDATE_DOCS_SCREENSHOT)
      copyFileSync(`${SCREENSHOTS}/03-chart-drafted.png`, 'test/e2e-browser/mandala-chart.png');
  });

  it('adds a task to an action and completes it; the sub-goal shows its progress', async () => {
    await cell(page, 'action-0-0').click();
    await page.keyboard.press('Escape'); // the click opened the editor; the selection stays
    await page.getByRole('heading', { name: 'Tasks for “Run 5 km every morning”' }).waitFor();
    await page.getByLabel('Task', { exact: true }).fill('Buy running shoes');
    await page.getByLabel('Due date', { exact: true }).fill('2026-12-15');
    await page.getByRole('button', { name: 'Add task' }).click();
    const task = page.locator('.tasks .task', { hasText: 'Buy running shoes' });
    await task.waitFor();
    expect(await task.getByLabel('Due date: Buy running shoes').inputValue()).toBe('2026-12-15');
    expect(await cell(page, 'action-0-0').locator('.cell-badge').textContent()).toBe('0/1');

    await task.getByLabel('Done: Buy running shoes').check();
    await expect.poll(() => task.getAttribute('class')).toContain('task-done');
    // Toggling a task keeps focus on it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Done: Buy running shoes',
    );
    expect(await task.getByLabel('Status: Buy running shoes').inputValue()).toBe('done');
    expect(await cell(page, 'action-0-0').locator('.cell-badge').textContent()).toBe('1/1');
    expect(
      await page.locator('[data-block="4"][data-slot="sub-0"] .cell-progress').getAttribute('title'),
    ).toBe('100%');
    // Readable: the sub-goal's percentage is written in its cell, and the goal's progress above the chart:
    // one of eight named sub-goals done is 13 % of the goal (each sub-goal weighs the same).
    expect(await page.locator('[data-block="4"][data-slot="sub-0"] .cell-progress-text').textContent()).toBe(
      '100%',
    );
    expect(await page.getByRole('progressbar', { name: 'Goal progress' }).getAttribute('aria-valuenow')).toBe(
      '13',
    );
  });

  it('writes a reflection with a rating', async () => {
    await page
      .getByLabel('Reflection', { exact: true })
      .fill('Ran three mornings this week. ちょっと疲れた。');
    await page.getByLabel('Rating', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    const saved = page.locator('.reflections .reflection');
    await saved.first().waitFor();
    expect(await saved.count()).toBe(1);
    expect(await saved.locator('.reflection-content').textContent()).toBe(
      'Ran three mornings this week. ちょっと疲れた。',
    );
    expect(await saved.locator('.stars').getAttribute('aria-label')).toBe('Rating: 4/5');
    await shot(page, '04-task-and-reflection');
  });

  it('deletes a task and a reflection (and only those)', async () => {
    await page.getByLabel('Task', { exact: true }).fill('Temporary task');
    await page.getByRole('button', { name: 'Add task' }).click();
    await page.locator('.tasks .task', { hasText: 'Temporary task' }).waitFor();
    expect(await cell(page, 'action-0-0').locator('.cell-badge').textContent()).toBe('1/2');
    const temporary = page.locator('.tasks .task', { hasText: 'Temporary task' });
    await page.getByRole('button', { name: 'Delete: Temporary task' }).click();
    await temporary.waitFor({ state: 'detached' });
    expect(await page.locator('.tasks .task').count()).toBe(1);
    expect(await cell(page, 'action-0-0').locator('.cell-badge').textContent()).toBe('1/1');
    // A few seconds to undo, announced politely, with focus on Undo: one Enter brings the task back.
    const toast = page.locator('.toast-area[aria-live="polite"] .toast');
    expect(await toast.textContent()).toContain('Task “Temporary task” deleted.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await temporary.waitFor();
    expect(await cell(page, 'action-0-0').locator('.cell-badge').textContent()).toBe('1/2');
    // Deleted for good once the notice expires: the API call was only deferred.
    await page.getByRole('button', { name: 'Delete: Temporary task' }).click();
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await page.reload();
    await cell(page, 'action-0-0').click();
    await page.keyboard.press('Escape');
    await page.locator('.tasks .task').first().waitFor();
    expect(await page.locator('.tasks .task').count()).toBe(1);

    await page.getByLabel('Reflection', { exact: true }).fill('A note to delete');
    await page.getByLabel('Date', { exact: true }).fill('2026-01-02');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await page.locator('.reflections .reflection', { hasText: 'A note to delete' }).waitFor();
    const note = page.locator('.reflections .reflection', { hasText: 'A note to delete' });
    await page.getByRole('button', { name: 'Delete: 2026-01-02' }).click();
    await note.waitFor({ state: 'detached' });
    expect(await page.locator('.reflections .reflection').count()).toBe(1);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await note.waitFor();
    // Deleted again, then the view is left at once (next test): leaving carries the delete out.
    await page.getByRole('button', { name: 'Delete: 2026-01-02' }).click();
    await note.waitFor({ state: 'detached' });
    expect(await toast.textContent()).toContain('Reflection of 2026-01-02 deleted.');
  });

  it('a reload mid-draft shows the progress again, and the chart fills when the draft ends', async () => {
    await page.getByRole('link', { name: '← My goals' }).first().click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    await page.getByLabel('Goal', { exact: true }).fill('Run a full marathon');
    await page.getByRole('button', { name: 'Create' }).click();
    await cell(page, 'goal').waitFor();
    const goalId = /#\/goals\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    expect(await filledActionCount(page)).toBe(0);

    const draftButton = page.getByRole('button', { name: 'Draft with AI' });
    await draftButton.click();
    await page.locator('.ai-status progress').waitFor({ state: 'visible' });
    // Once the API has answered the job id, the browser keeps it (nothing else) under a key naming the
    // user and this goal.
    await expect.poll(() => rememberedDrafts(page)).toHaveLength(1);
    const remembered = await rememberedDrafts(page);
    expect(remembered[0]![0]).toMatch(new RegExp(`^goal-mandala\\.aiDraft:[0-9a-f-]{36}:${goalId}$`));
    expect(remembered[0]![1]).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await cell(page, 'goal').waitFor();
    // The fresh page rejoins the running draft: progress in the live status region, the button held.
    await page.locator('.ai-status progress').waitFor({ state: 'visible' });
    expect(await page.getByRole('status').getAttribute('aria-live')).toBe('polite');
    expect(await page.getByRole('status').textContent()).toMatch(
      /^(Waiting for the AI…|The AI is drafting your sub-goals and actions…)$/,
    );
    expect(await draftButton.isDisabled()).toBe(true);
    expect(await filledActionCount(page)).toBe(0);
    await shot(page, '05-ai-drafting-after-reload');

    await page.locator('.ai-status[data-state="succeeded"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => filledActionCount(page)).toBe(64);
    expect(await page.locator('.mandala .cell-subGoal.empty').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toBe('Draft ready: empty cells were filled.');
    expect(await draftButton.isDisabled()).toBe(false);
    // Done: forgotten, so opening the chart again shows no stale status.
    expect(await rememberedDrafts(page)).toEqual([]);
    await page.reload();
    await cell(page, 'goal').waitFor();
    expect(await filledActionCount(page)).toBe(64);
    expect(await page.locator('.ai-status').textContent()).toBe('');
    expect(await draftButton.isDisabled()).toBe(false);

    // The AI's cells are marked until edited; editing one makes it the person's.
    expect(await page.locator('.mandala .cell-action.drafted').count()).toBe(64);
    // Its name (from its content) says so in words: "Action 4-4: <title> AI draft".
    expect(await page.getByRole('gridcell', { name: /^Action 4-4: .+ AI draft$/ }).count()).toBe(1);
    await cell(page, 'action-3-3').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Join a running club');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.mandala .cell-action.drafted').count()).toBe(63);
    expect(await cell(page, 'action-3-3').getAttribute('class')).not.toContain('drafted');
    await page.waitForFunction(() => document.querySelectorAll('.cell.unsaved').length === 0);
    // Undo draft: back to the chart before the draft, keeping the edited cell.
    await page.getByRole('button', { name: 'Undo draft' }).click();
    await expect.poll(() => filledActionCount(page)).toBe(1);
    expect(await cellText(page, 'action-3-3')).toBe('Join a running club');
    expect(await page.locator('.mandala .cell-subGoal.empty').count()).toBe(16);
    expect(await page.getByRole('status').textContent()).toBe(
      'Draft undone: 71 cells emptied (cells you edited were kept).',
    );
    expect(await page.getByRole('button', { name: 'Undo draft' }).isHidden()).toBe(true);
  });

  it('signs out and back in: everything is still there', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('goal-mandala.session'))).toBeNull();
    expect(await rememberedDrafts(page)).toEqual([]);

    await page.getByLabel('E-mail').fill(ann.email);
    await page.getByLabel('Password').fill(ann.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    const goalLink = page.getByRole('link', { name: new RegExp(goalTitle) });
    expect(await goalLink.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('13');

    await goalLink.click();
    await cell(page, 'goal').waitFor();
    // The whole journey ran under the site's Content-Security-Policy without a violation.
    expect(await cspViolations(page)).toEqual([]);
    expect(await filledActionCount(page)).toBe(64);
    expect(await cellText(page, 'action-0-0')).toBe('Run 5 km every morning');
    // The reflection deleted just before leaving the chart is gone on the server too.
    expect(await page.locator('.reflections .reflection').count()).toBe(1);
    expect(await page.locator('.reflections .reflection-content').textContent()).toContain(
      'Ran three mornings',
    );
    await cell(page, 'action-0-0').click();
    await page.keyboard.press('Escape');
    expect(await page.locator('.tasks .task-done', { hasText: 'Buy running shoes' }).count()).toBe(1);
    // A full chart has nothing to draft, and says so.
    await page.getByRole('button', { name: 'Draft with AI' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Nothing to draft: every cell is filled. Empty a cell to let the AI suggest something.');
  });

  it('Today lists overdue and due tasks across goals with their goal and action, ticked off in place', async () => {
    const [today, yesterday] = await page.evaluate(() => {
      const local = (at: Date) =>
        new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
      return [local(new Date()), local(new Date(Date.now() - 86_400_000))];
    });
    // Still on the first goal's chart, its first action selected.
    for (const [title, due] of [
      ['Stretch after runs', today],
      ['Book a physio', yesterday],
    ]) {
      await page.getByLabel('Task', { exact: true }).fill(title!);
      await page.getByLabel('Due date', { exact: true }).fill(due!);
      await page.getByRole('button', { name: 'Add task' }).click();
      await page.locator('.tasks .task', { hasText: title }).waitFor();
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    // Focus moved to the new view's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Today');
    const overdue = page.locator('.today-overdue .task');
    await overdue.first().waitFor();
    expect(await overdue.allTextContents()).toEqual([
      `Book a physio${goalTitle} › Run 5 km every morningYesterdayTomorrow`,
    ]);
    const dueToday = page.locator('.today-dueToday .task', { hasText: 'Stretch after runs' });
    const box = dueToday.getByLabel('Done: Stretch after runs');
    await box.check();
    await expect.poll(() => dueToday.getAttribute('class')).toContain('task-done');
    // Ticking keeps focus on the checkbox, and the item in place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Done: Stretch after runs',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'today');
    if (process.env.UPDATE_DOCS_SCREENSHOT)
      copyFileSync(`${SCREENSHOTS}/today.png`, 'test/e2e-browser/today.png');

    await page.reload();
    await page.locator('.today-dueToday .task-done', { hasText: 'Stretch after runs' }).waitFor();
    // The task's goal is one click away.
    await page
      .getByRole('link', { name: `${goalTitle} › Run 5 km every morning` })
      .first()
      .click();
    await cell(page, 'goal').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(goalTitle);

    // A large screen uses its width: a bigger chart than on a laptop.
    const laptop = (await page.locator('.mandala').boundingBox())!.width;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect
      .poll(async () => (await page.locator('.mandala').boundingBox())!.width)
      .toBeGreaterThan(laptop + 100);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("a second person (Japanese, phone-sized) sees none of it, even at the goal's address", async () => {
    const bob = await launchChromium({
      locale: 'ja-JP',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    try {
      const phone = await bob.context.newPage();
      await phone.goto(stack.url);
      // The browser's language picks Japanese.
      await phone.getByRole('heading', { name: 'ログイン' }).waitFor();
      // A server error is worded in the UI's language from its code, not the API's English.
      await phone.getByLabel('メールアドレス').fill('nobody@example.com');
      await phone.getByLabel('パスワード').fill('not the password');
      await phone.getByRole('button', { name: 'ログイン' }).click();
      await expect
        .poll(() => phone.getByRole('alert').textContent())
        .toBe('メールアドレスまたはパスワードが違います。');
      await phone.getByRole('button', { name: 'アカウント作成' }).click();
      await phone.getByLabel('名前').fill('Bob');
      await phone.getByLabel('メールアドレス').fill(`bob-${Date.now()}@example.com`);
      await phone.getByLabel('パスワード').fill('another good password');
      await phone.getByRole('button', { name: 'アカウント作成' }).click();
      await phone.getByRole('heading', { name: 'マイ目標' }).waitFor();
      await phone.getByText('まだ目標がありません').waitFor();
      // The header toggles the language (and back).
      await phone.getByRole('button', { name: '英語に切り替え' }).click();
      await phone.getByRole('heading', { name: 'My goals' }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.lang)).toBe('en');
      await phone.getByRole('button', { name: 'Switch to Japanese' }).click();
      await phone.getByRole('heading', { name: 'マイ目標' }).waitFor();
      expect(await phone.getByText(goalTitle).count()).toBe(0);

      // Ann's goal by its address: the API answers 404, nothing of hers is shown.
      await phone.goto(goalUrl.replace(/^https?:\/\/[^/]+/, stack.url));
      await phone.locator('.error[role="alert"]:not([hidden])').waitFor();
      expect(await phone.locator('.mandala').count()).toBe(0);
      expect(await phone.getByText('Run 5 km every morning').count()).toBe(0);
      await shot(phone, '06-second-user-not-found');

      // Bob's own chart fits the phone's width (no sideways scrolling).
      await phone.goto(stack.url);
      // Text cut at a field's limit says so.
      await phone.getByLabel('目標', { exact: true }).focus();
      await phone.keyboard.insertText('あ'.repeat(250));
      expect(await phone.getByLabel('目標', { exact: true }).inputValue()).toHaveLength(200);
      await phone.getByText('200文字までです。超えた分は切り捨てられます。').waitFor();
      await phone.getByLabel('目標', { exact: true }).fill('毎日英語を話す');
      await phone.getByRole('button', { name: '作成' }).click();
      await phone.locator('.mandala [data-slot="goal"]').waitFor();
      expect(await cellText(phone, 'goal')).toBe('毎日英語を話す');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Readable cells (at least 12 px), and touch help instead of keyboard help.
      const fontPx = await cell(phone, 'sub-0').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontPx).toBeGreaterThanOrEqual(12);
      expect(await phone.locator('.keyboard-hint').isVisible()).toBe(false);
      expect(await phone.locator('.touch-hint').isVisible()).toBe(true);

      // The phone shows one 3×3 block: the goal and its sub-goals; a tap on sub-goal 8 opens its block.
      expect(await phone.locator('.mandala .cell:visible').count()).toBe(9);
      await phone.locator('[data-block="4"][data-slot="sub-7"]').tap();
      await expect.poll(() => phone.locator('.mandala').getAttribute('data-zoom')).toBe('8');
      // A tap selects an action (no editor opens) and brings its tasks into view.
      await cell(phone, 'action-7-7').tap();
      await phone.getByText('選択中：行動 8-8').waitFor();
      expect(await phone.locator('.cell-input').count()).toBe(0);
      const tasksHeading = phone.getByRole('heading', { name: '「行動 8-8」のタスク' });
      await expect
        .poll(async () => {
          const box = await tasksHeading.boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= 844;
        })
        .toBe(true);
      await shot(phone, 'phone-tasks');
      // Editing is its own, explicit action.
      await phone.locator('.selection-bar').getByRole('button', { name: '編集' }).tap();
      await phone.getByLabel('行動 8-8 を編集').fill('朝に10分音読する');
      await phone.keyboard.press('Enter');
      await expect.poll(() => cellText(phone, 'action-7-7')).toBe('朝に10分音読する');
      await phone.getByRole('heading', { name: '「朝に10分音読する」のタスク' }).waitFor();
      // The tasks are one tap away from the bar at the bottom, wherever the page is scrolled.
      await phone.evaluate(() => window.scrollTo(0, 0));
      await phone.locator('.selection-bar').getByRole('button', { name: 'タスク（0）' }).tap();
      await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe('task-title');
      await phone.evaluate(() => window.scrollTo(0, 0));
      await shot(phone, '07-phone-chart');

      // A token the API no longer accepts (tampered here) ends the session politely.
      await phone.evaluate(() => {
        const stored = JSON.parse(localStorage.getItem('goal-mandala.session')!);
        localStorage.setItem(
          'goal-mandala.session',
          JSON.stringify({ ...stored, accessToken: `${stored.accessToken}x` }),
        );
      });
      await phone.reload();
      await phone.getByRole('heading', { name: 'ログイン' }).waitFor();
      await phone.getByText('セッションが終了しました').waitFor();
    } finally {
      await bob.close();
    }
  });

  it('edits a goal’s title, deadline and description in the chart view', async () => {
    await page.getByRole('link', { name: 'My goals', exact: true }).click();
    await page.getByLabel('Goal', { exact: true }).fill('Learn to sail');
    await page.getByRole('button', { name: 'Create' }).click();
    await cell(page, 'goal').waitFor();
    await page.getByRole('button', { name: 'Edit goal' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-goal-title');
    await page.getByLabel('Goal', { exact: true }).fill('Learn to sail a dinghy');
    await page.getByLabel('Deadline').fill('2027-06-30');
    await page.getByLabel('Description').fill('Weekends at the lake');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Learn to sail a dinghy' }).waitFor();
    expect(await cellText(page, 'goal')).toBe('Learn to sail a dinghy');
    await page.reload();
    await page.getByRole('heading', { name: 'Learn to sail a dinghy' }).waitFor();
    expect(await page.locator('.goal-details .deadline').textContent()).toBe('Deadline: 2027-06-30');
    expect(await page.locator('.goal-details .description').textContent()).toBe('Weekends at the lake');
  });

  it('settings: a wrong current password is said on the form; the new password signs in', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, '08-settings');

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a newer password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The password is not correct.').waitFor();
    expect(await page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);

    await page.getByLabel('Current password').fill(ann.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    ann.password = 'a newer password';
    // Still signed in with the session the change answered.
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.locator('.settings').getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').fill(ann.email);
    await page.getByLabel('Password').fill(ann.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
  });

  it('resets a forgotten password through the link in the local outbox', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('E-mail').fill(ann.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText(`If an account uses ${ann.email}, a link is on its way.`).waitFor();

    const outboxLink = async () => {
      await page.goto(`${stack.url}/_local/outbox`);
      await page
        .getByRole('link', { name: /\/#\/reset-password\?token=/ })
        .first()
        .click();
    };
    await outboxLink();
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill('reset from the mail');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    expect(page.url()).not.toContain('token=');
    ann.password = 'reset from the mail';

    // The link worked once: opened again, it is refused in words, and nobody is signed out.
    await outboxLink();
    await page.getByLabel('New password', { exact: true }).fill('yet another password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('This reset link is invalid or has expired.').waitFor();
    await page.getByRole('link', { name: 'My goals', exact: true }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
  });

  it('deletes the account only after an explicit confirmation; the address can sign up afresh', async () => {
    await page.goto(`${stack.url}/#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.locator('.settings').getByLabel('Password', { exact: true }).fill(ann.password);
    await page.getByRole('button', { name: 'Delete account' }).click();
    // Not confirmed: the form does not go out.
    expect(await page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    await page.getByLabel('I understand that everything will be deleted').check();
    await page.getByRole('button', { name: 'Delete account' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Your account was deleted.').waitFor();

    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill(ann.name);
    await page.getByLabel('E-mail').fill(ann.email);
    await page.getByLabel('Password').fill('a fresh start');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'My goals' }).waitFor();
    await page.getByText('No goals yet').waitFor();
  });
});
