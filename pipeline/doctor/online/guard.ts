import { type CheckResult, failed } from '../check-result.js';
import type { AccountAccess } from './account-access.js';
import { remedyFor } from './aws-errors.js';

/**
 * Runs one account's check; an error that kept it from answering is its own ✗ with the remedy. An account
 * the credentials do not reach is not checked further (its identity line said so).
 */
export async function guard(
  access: AccountAccess,
  what: string,
  check: () => Promise<CheckResult | CheckResult[]>,
): Promise<CheckResult[]> {
  if (access.unreachable) return [];
  try {
    const result = await check();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return [
      failed(
        `${access.place} (${access.account}): ${what}: could not check (${name}: ${message.split('\n')[0]})`,
        remedyFor(error, access.profileArgument),
      ),
    ];
  }
}
