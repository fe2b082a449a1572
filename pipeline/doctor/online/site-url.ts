import type { StageName } from '../../../stages/stage-config.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import type { OnlineContext } from './account-access.js';
import { deployedStack } from './deployed-stack.js';
import { guard } from './guard.js';

const STAGES: readonly StageName[] = ['staging', 'production'];

/** Once a stage's edge stack exists, `siteUrl` must be its distribution's address (the SiteUrl output). */
export async function siteUrls(context: OnlineContext): Promise<CheckResult[]> {
  const results = await Promise.all(
    STAGES.map((stage) => {
      const access = context.accounts[stage];
      const stackName = `${stage === 'staging' ? 'Staging' : 'Production'}-Edge`;
      const configured = context.config[stage].passwordResetMail.siteUrl.replace(/\/+$/, '');
      const key = `goalMandala.${stage}.passwordResetMail.siteUrl`;
      return guard(access, `stack ${stackName}`, async () => {
        const deployed = (await deployedStack(access, stackName))?.Outputs?.find((o) =>
          o.OutputKey?.startsWith('SiteUrl'),
        )?.OutputValue?.replace(/\/+$/, '');
        if (!deployed) {
          return passed(
            `${stage}: ${stackName} not deployed yet: after the first deployment, set ${key} to its SiteUrl output and run the doctor again`,
          );
        }
        if (deployed !== configured) {
          return failed(
            `${stage}: ${key} is ${configured}, but the distribution is ${deployed}: reset links point nowhere`,
            `set ${key} to "${deployed}" in cdk.json, commit and push`,
          );
        }
        return passed(`${stage}: ${key} is the distribution's address (${deployed})`);
      });
    }),
  );
  return results.flat();
}
