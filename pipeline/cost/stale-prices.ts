/**
 * Prices age: `npm run cost` warns, naming the region and the dates, when a price table it used is past
 * its `refreshBy` day (a year after it was read). A warning rather than a failure: old prices still
 * estimate, and nothing in the code changed when the calendar did.
 */
import { priceTableFor } from './price-table.js';

export function stalePriceWarnings(regions: Iterable<string>, today: Date = new Date()): string[] {
  return [...new Set(regions)].flatMap((region) => {
    const { readOn, refreshBy } = priceTableFor(region);
    return today.getTime() > Date.parse(refreshBy)
      ? [
          `cost: warning: the ${region} prices were read on ${readOn} and were due for a refresh by ${refreshBy}; refresh them (docs/runbook.md, Cost)`,
        ]
      : [];
  });
}
