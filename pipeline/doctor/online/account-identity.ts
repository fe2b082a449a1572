import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type CheckResult, failed, passed } from '../check-result.js';
import { type AccountAccess, type OnlineContext, PLACES } from './account-access.js';
import { guard } from './guard.js';

/**
 * The credentials of each account reach that account (a profile of the wrong account would make every other
 * line about the wrong one). Answers the accounts the other checks must skip.
 */
export async function accountIdentities(
  context: OnlineContext,
): Promise<{ results: CheckResult[]; unreachable: Set<AccountAccess['place']> }> {
  const unreachable = new Set<AccountAccess['place']>();
  const results = await Promise.all(
    PLACES.map(async (place) => {
      const access = context.accounts[place];
      const found = await guard(access, 'credentials', async () => {
        const { Account: reached } = await access.clients.sts.send(new GetCallerIdentityCommand({}));
        if (reached === access.account) {
          return passed(`${place} (${access.account}): ${access.profileArgument} reaches it`);
        }
        return failed(
          `${place} (${access.account}): ${access.profileArgument} reaches account ${reached ?? 'unknown'}, not ${place}.account`,
          `name a profile of account ${access.account} with --profile-${place}`,
        );
      });
      if (found.some((result) => !result.ok)) unreachable.add(place);
      return found;
    }),
  );
  return { results: results.flat(), unreachable };
}
