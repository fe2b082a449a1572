import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { type CheckResult, failed, passed } from '../check-result.js';
import { cliTarget, type OnlineContext, PLACES } from './account-access.js';
import { isNotFound } from './aws-errors.js';
import { guard } from './guard.js';

/** The Slack webhook secret exists in every account: the pipeline's notices and each stage's alarms read it. */
export async function slackSecrets(context: OnlineContext): Promise<CheckResult[]> {
  const name = context.config.slackWebhookSecretName;
  const results = await Promise.all(
    PLACES.map((place) => {
      const access = context.accounts[place];
      return guard(access, `Slack webhook secret ${name}`, async () => {
        let deleted: Date | undefined;
        try {
          ({ DeletedDate: deleted } = await access.clients.secretsManager.send(
            new DescribeSecretCommand({ SecretId: name }),
          ));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          return failed(
            `${place} (${access.account}): no Slack webhook secret ${name}`,
            `aws secretsmanager create-secret --name ${name} --secret-string 'https://hooks.slack.com/services/…' ${cliTarget(access)}`,
          );
        }
        if (deleted) {
          return failed(
            `${place} (${access.account}): Slack webhook secret ${name} is scheduled for deletion`,
            `aws secretsmanager restore-secret --secret-id ${name} ${cliTarget(access)}`,
          );
        }
        return passed(`${place} (${access.account}): Slack webhook secret ${name} present`);
      });
    }),
  );
  return results.flat();
}
