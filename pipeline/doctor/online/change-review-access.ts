import { type CheckResult, failed, passed } from '../check-result.js';
import type { OnlineContext } from './account-access.js';
import { deployedStack } from './deployed-stack.js';
import { guard } from './guard.js';

export const CHANGE_REVIEW_ACCESS_STACK = 'GoalMandalaChangeReviewAccess';

/** Production has the change review's read-only role (deployed by hand; the pipeline's ChangeReview assumes it). */
export async function changeReviewAccess(context: OnlineContext): Promise<CheckResult[]> {
  const access = context.accounts.production;
  const fix = `npx cdk deploy ${CHANGE_REVIEW_ACCESS_STACK} ${access.profileArgument}`;
  return guard(access, `stack ${CHANGE_REVIEW_ACCESS_STACK}`, async () => {
    const status = (await deployedStack(access, CHANGE_REVIEW_ACCESS_STACK))?.StackStatus;
    const where = `production (${access.account})`;
    if (!status || status === 'REVIEW_IN_PROGRESS') {
      return failed(
        `${where}: no ${CHANGE_REVIEW_ACCESS_STACK} stack: ChangeReview would fail on sts:AssumeRole`,
        fix,
      );
    }
    if (!/_COMPLETE$/.test(status) || /ROLLBACK_COMPLETE$|DELETE/.test(status)) {
      return failed(`${where}: ${CHANGE_REVIEW_ACCESS_STACK} is ${status}`, fix);
    }
    return passed(`${where}: ${CHANGE_REVIEW_ACCESS_STACK} deployed (${status})`);
  });
}
