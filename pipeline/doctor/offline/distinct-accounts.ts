import type { AppConfig } from '../../config.js';
import { stageAccountFindings, toolchainAccountFindings } from '../../config-rules.js';
import type { CheckResult } from '../check-result.js';
import { resultsOf } from './from-findings.js';

/** Three accounts: the toolchain's, staging's and production's (staging may share production's if allowed). */
export function distinctAccounts(config: AppConfig): CheckResult[] {
  const shared = config.allowSharedAccount === true && config.staging.account === config.production.account;
  return resultsOf(
    [...stageAccountFindings(config), ...toolchainAccountFindings(config)],
    `accounts: toolchain ${config.toolchain.account}, staging ${config.staging.account}, production ${config.production.account}${shared ? ' (staging and production shared: allowSharedAccount)' : ', all different'}`,
  );
}
