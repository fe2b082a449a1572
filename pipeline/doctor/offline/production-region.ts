import type { AppConfig } from '../../config.js';
import { productionRegionFindings } from '../../config-rules.js';
import type { CheckResult } from '../check-result.js';
import { resultsOf } from './from-findings.js';

/** Production in the toolchain's region (the bake alarms read production's metrics from there). */
export function productionRegion(config: AppConfig): CheckResult[] {
  return resultsOf(
    productionRegionFindings(config),
    `regions: production and the toolchain both in ${config.toolchain.region} (the bake alarms read production's metrics there)`,
  );
}
