import { GetRoleCommand } from '@aws-sdk/client-iam';
import { type CheckResult, failed, passed } from '../check-result.js';
import type { OnlineContext } from './account-access.js';
import { isNotFound } from './aws-errors.js';
import { guard } from './guard.js';

const SERVICE_LINKED_ROLE = 'AWSServiceRoleForCloudWatchCrossAccount';
const SHARING_ROLE = 'CloudWatch-CrossAccountSharingRole';

/**
 * The bake's alarms live in the toolchain account on production's metrics: CloudWatch needs its
 * service-linked role there, and production's sharing role (its observability stack creates it) must
 * trust the toolchain account.
 */
export async function cloudWatchCrossAccount(context: OnlineContext): Promise<CheckResult[]> {
  const toolchain = context.accounts.toolchain;
  const production = context.accounts.production;
  const [linked, sharing] = await Promise.all([
    guard(toolchain, `IAM role ${SERVICE_LINKED_ROLE}`, async () => {
      try {
        await toolchain.clients.iam.send(new GetRoleCommand({ RoleName: SERVICE_LINKED_ROLE }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        return failed(
          `toolchain (${toolchain.account}): CloudWatch cross-account viewing is off (no ${SERVICE_LINKED_ROLE}): the bake alarms would see no metric`,
          `aws iam create-service-linked-role --aws-service-name cloudwatch-crossaccount.amazonaws.com ${toolchain.profileArgument}`,
        );
      }
      return passed(
        `toolchain (${toolchain.account}): CloudWatch cross-account viewing on (${SERVICE_LINKED_ROLE})`,
      );
    }),
    guard(production, `IAM role ${SHARING_ROLE}`, async () => {
      let policy: string | undefined;
      try {
        const answer = await production.clients.iam.send(new GetRoleCommand({ RoleName: SHARING_ROLE }));
        policy = answer.Role?.AssumeRolePolicyDocument;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        return passed(
          `production (${production.account}): ${SHARING_ROLE} not there yet: the first production deployment creates it (Production-Observability)`,
        );
      }
      const trust = decodeURIComponent(policy ?? '');
      if (!trust.includes(context.config.toolchain.account)) {
        return failed(
          `production (${production.account}): ${SHARING_ROLE} does not trust the toolchain account ${context.config.toolchain.account}`,
          'release again: Production-Observability owns the role (if it was made by hand, delete it first: aws iam delete-role)',
        );
      }
      return passed(
        `production (${production.account}): ${SHARING_ROLE} trusts the toolchain account ${context.config.toolchain.account}`,
      );
    }),
  ]);
  return [...linked, ...sharing];
}
