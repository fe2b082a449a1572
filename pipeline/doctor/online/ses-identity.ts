import {
  GetAccountCommand,
  GetConfigurationSetCommand,
  GetEmailIdentityCommand,
} from '@aws-sdk/client-sesv2';
import type { StageName } from '../../../stages/stage-config.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { type AccountAccess, cliTarget, type OnlineContext } from './account-access.js';
import { isNotFound } from './aws-errors.js';
import { guard } from './guard.js';

const STAGES: readonly StageName[] = ['staging', 'production'];

/**
 * Each stage can send its reset mail: the sender's SES identity verified, the account out of the SES
 * sandbox (which mails verified addresses only), and the configuration set, when one is named, there.
 */
export async function sesIdentities(context: OnlineContext): Promise<CheckResult[]> {
  const results = await Promise.all(
    STAGES.map((stage) => {
      const access = context.accounts[stage];
      return guard(access, 'SES', () => checkStage(context, stage, access));
    }),
  );
  return results.flat();
}

async function checkStage(
  context: OnlineContext,
  stage: StageName,
  access: AccountAccess,
): Promise<CheckResult[]> {
  const mail = context.config[stage].passwordResetMail;
  const where = `${stage} (${access.account}, ${access.region})`;
  const results: CheckResult[] = [];

  let verified: boolean | undefined;
  try {
    ({ VerifiedForSendingStatus: verified } = await access.clients.ses.send(
      new GetEmailIdentityCommand({ EmailIdentity: mail.senderIdentity }),
    ));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  if (verified === undefined) {
    results.push(
      failed(
        `${where}: SES identity ${mail.senderIdentity} does not exist`,
        `aws sesv2 create-email-identity --email-identity ${mail.senderIdentity} ${cliTarget(access)}, then publish the DKIM records it lists (a domain) or click the link mailed to it (an address)`,
      ),
    );
  } else if (!verified) {
    results.push(
      failed(
        `${where}: SES identity ${mail.senderIdentity} is not verified yet`,
        `publish its DKIM CNAME records (aws sesv2 get-email-identity --email-identity ${mail.senderIdentity} ${cliTarget(access)} lists them), or click the verification link sent to the address`,
      ),
    );
  } else {
    results.push(passed(`${where}: SES identity ${mail.senderIdentity} verified`));
  }

  const { ProductionAccessEnabled: outOfSandbox } = await access.clients.ses.send(new GetAccountCommand({}));
  results.push(
    outOfSandbox
      ? passed(`${where}: SES production access (out of the sandbox)`)
      : failed(
          `${where}: SES is in the sandbox: reset mail reaches verified addresses only`,
          `aws sesv2 put-account-details --production-access-enabled --mail-type TRANSACTIONAL --website-url ${mail.siteUrl} --use-case-description 'password reset links' ${cliTarget(access)}`,
        ),
  );

  if (mail.configurationSet) {
    const name = mail.configurationSet;
    try {
      await access.clients.ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: name }));
      results.push(passed(`${where}: SES configuration set ${name} present`));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      results.push(
        failed(
          `${where}: SES configuration set ${name} (${stage}.passwordResetMail.configurationSet) does not exist: every reset mail would be refused`,
          `aws sesv2 create-configuration-set --configuration-set-name ${name} ${cliTarget(access)}`,
        ),
      );
    }
  }
  return results;
}
