import type { CheckResult } from '../check-result.js';
import { type OnlineContext, PLACES } from './account-access.js';
import { accountIdentities } from './account-identity.js';
import { bedrockModelAccess } from './bedrock-model.js';
import { bootstrapStacks } from './bootstrap-stack.js';
import { changeReviewAccess } from './change-review-access.js';
import { cloudWatchCrossAccount } from './cloudwatch-cross-account.js';
import { repositoryConnection } from './connection.js';
import { sesIdentities } from './ses-identity.js';
import { siteUrls } from './site-url.js';
import { slackSecrets } from './slack-secret.js';

/** Every online check, in the order of the runbook's first-deployment checklist. */
export const ONLINE_CHECKS: readonly ((context: OnlineContext) => Promise<CheckResult[]>)[] = [
  repositoryConnection,
  bootstrapStacks,
  slackSecrets,
  sesIdentities,
  bedrockModelAccess,
  cloudWatchCrossAccount,
  changeReviewAccess,
  siteUrls,
];

/** Whom each profile reaches first; then every check, skipping the accounts the credentials do not reach. */
export async function onlineChecks(context: OnlineContext): Promise<CheckResult[]> {
  const identities = await accountIdentities(context);
  const reachable: OnlineContext = {
    ...context,
    accounts: Object.fromEntries(
      PLACES.map((place) => [
        place,
        { ...context.accounts[place], unreachable: identities.unreachable.has(place) },
      ]),
    ) as OnlineContext['accounts'],
  };
  const results = await Promise.all(ONLINE_CHECKS.map((check) => check(reachable)));
  return [...identities.results, ...results.flat()];
}
