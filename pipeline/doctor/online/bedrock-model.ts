import { GetFoundationModelAvailabilityCommand } from '@aws-sdk/client-bedrock';
import type { StageName } from '../../../stages/stage-config.js';
import { type CheckResult, failed, passed } from '../check-result.js';
import { cliTarget, type OnlineContext } from './account-access.js';
import { isNotFound } from './aws-errors.js';
import { guard } from './guard.js';

const STAGES: readonly StageName[] = ['staging', 'production'];

/** Each stage account may invoke its `bedrockModelId` (the AI drafts, and staging's acceptance test, use it). */
export async function bedrockModelAccess(context: OnlineContext): Promise<CheckResult[]> {
  const results = await Promise.all(
    STAGES.map((stage) => {
      const access = context.accounts[stage];
      const modelId = context.config[stage].bedrockModelId;
      const where = `${stage} (${access.account}, ${access.region})`;
      const consoleStep = `Amazon Bedrock console (${access.region}, ${stage} account) → Model access → request ${modelId}`;
      return guard(access, `Bedrock model ${modelId}`, async () => {
        let answer;
        try {
          answer = await access.clients.bedrock.send(new GetFoundationModelAvailabilityCommand({ modelId }));
        } catch (error) {
          if (!isNotFound(error) && !(error instanceof Error && error.name === 'ValidationException'))
            throw error;
          return failed(
            `${where}: Bedrock has no model ${modelId}`,
            `set ${stage}.bedrockModelId to a model offered in ${access.region} (aws bedrock list-foundation-models ${cliTarget(access)})`,
          );
        }
        if (answer.regionAvailability !== 'AVAILABLE') {
          return failed(
            `${where}: Bedrock model ${modelId} is not offered in ${access.region}`,
            `set ${stage}.bedrockModelId to a model offered there (aws bedrock list-foundation-models ${cliTarget(access)})`,
          );
        }
        const missing = [
          answer.authorizationStatus !== 'AUTHORIZED' &&
            `authorization ${answer.authorizationStatus ?? 'unknown'}`,
          answer.entitlementAvailability !== 'AVAILABLE' &&
            `entitlement ${answer.entitlementAvailability ?? 'unknown'}`,
          answer.agreementAvailability?.status !== 'AVAILABLE' &&
            `agreement ${answer.agreementAvailability?.status ?? 'unknown'}`,
        ].filter(Boolean);
        if (missing.length > 0) {
          return failed(
            `${where}: no access to Bedrock model ${modelId} (${missing.join(', ')})`,
            consoleStep,
          );
        }
        return passed(`${where}: access to Bedrock model ${modelId}`);
      });
    }),
  );
  return results.flat();
}
