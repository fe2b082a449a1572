/** Types of index.mjs for the TypeScript tests that import it (the canary runs the .mjs itself). */
export interface SiteSeen {
  readonly page: string;
  readonly script: string;
  readonly version: string;
}
export function checkSite(siteUrl: string): Promise<SiteSeen>;
export const handler: () => Promise<SiteSeen>;
