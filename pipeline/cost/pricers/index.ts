/** Every pricer, by CloudFormation resource type. */
import type { Pricer } from '../cost-line.js';
import { computePricers } from './compute.js';
import { databasePricers } from './database.js';
import { deliveryPricers } from './delivery.js';
import { edgePricers } from './edge.js';
import { networkPricers } from './network.js';
import { observabilityPricers } from './observability.js';

export const PRICERS: Readonly<Record<string, Pricer>> = {
  ...networkPricers,
  ...databasePricers,
  ...computePricers,
  ...edgePricers,
  ...observabilityPricers,
  ...deliveryPricers,
};

export { isNoCharge } from './no-charge.js';
