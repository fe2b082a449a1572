import { DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import type { AccountAccess } from './account-access.js';
import { isNotFound } from './aws-errors.js';

/** The stack as CloudFormation describes it in the account, or undefined when there is none (any other error is thrown). */
export async function deployedStack(access: AccountAccess, stackName: string): Promise<Stack | undefined> {
  try {
    const answer = await access.clients.cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackName }),
    );
    return answer.Stacks?.[0];
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return undefined;
  }
}
