import type { AppConfig } from '../../config.js';
import { resetMailFindings } from '../../config-rules.js';
import type { CheckResult } from '../check-result.js';
import { resultsOf } from './from-findings.js';

/** Reset links point at each stage's own distribution; the sender is a domain SES can verify. */
export function resetMail(config: AppConfig): CheckResult[] {
  return resultsOf(
    resetMailFindings(config),
    `reset mail: staging links to ${config.staging.passwordResetMail.siteUrl}, production to ${config.production.passwordResetMail.siteUrl}, senders ${config.staging.passwordResetMail.sender} and ${config.production.passwordResetMail.sender}`,
  );
}
