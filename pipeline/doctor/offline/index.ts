import type { AppConfig } from '../../config.js';
import type { CheckResult } from '../check-result.js';
import { distinctAccounts } from './distinct-accounts.js';
import { priceTables } from './price-tables.js';
import { productionRegion } from './production-region.js';
import { repositoryConnection } from './repository-connection.js';
import { resetMail } from './reset-mail.js';

/** Every offline check of the configuration, in the order they print. */
export function offlineChecks(config: AppConfig): CheckResult[] {
  return [distinctAccounts, productionRegion, priceTables, resetMail, repositoryConnection].flatMap((check) =>
    check(config),
  );
}
