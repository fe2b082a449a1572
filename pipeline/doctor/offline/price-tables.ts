import type { AppConfig } from '../../config.js';
import { priceTableFindings } from '../../config-rules.js';
import type { CheckResult } from '../check-result.js';
import { resultsOf } from './from-findings.js';

/** A price table for every region in use (synth's budget check prices each account). */
export function priceTables(config: AppConfig): CheckResult[] {
  const regions = [...new Set([config.toolchain.region, config.staging.region, config.production.region])];
  return resultsOf(priceTableFindings(config), `price tables: ${regions.join(', ')} priced`);
}
