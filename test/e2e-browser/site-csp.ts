/**
 * Serves every page of the local site with the Content-Security-Policy CloudFront adds in AWS, and records
 * violations, so the app is proven to work under it. (Without upgrade-insecure-requests: the local stack is
 * plain http.)
 */
import type { BrowserContext, Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../stages/edge-stack.js';

export async function withSiteCsp(context: BrowserContext, siteUrl: string): Promise<void> {
  const csp = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => directive !== 'upgrade-insecure-requests')
    .join('; ');
  await context.route(`${siteUrl}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
}

/** The violations recorded on the page so far. */
export const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
