/**
 * axe-core (the npm package, no network) run inside the page: the serious and critical WCAG violations of
 * what is on screen. Injected through the DevTools protocol (page.evaluate), which the site's CSP allows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * `rule: selector` for every serious or critical violation; empty when the view passes. `include`: only the
 * elements matching these selectors (the whole document when absent).
 */
export async function seriousViolations(page: Page, include?: string[]): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const { violations } = await axe.run(only ? { include: only.map((selector) => [selector]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
  }, include ?? null);
}
