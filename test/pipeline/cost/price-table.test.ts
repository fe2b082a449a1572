import { describe, expect, it } from 'vitest';
import { PRICE_TABLES, priceTableFor } from '../../../pipeline/cost/price-table.js';
import { stalePriceWarnings } from '../../../pipeline/cost/stale-prices.js';

const DAY_MS = 86_400_000;

describe('the price table', () => {
  it.each(Object.values(PRICE_TABLES))(
    'of $region is due for a refresh within a year of its reading',
    (table) => {
      const refreshAfterDays = (Date.parse(table.refreshBy) - Date.parse(table.readOn)) / DAY_MS;
      expect(refreshAfterDays).toBeGreaterThan(0);
      expect(refreshAfterDays).toBeLessThanOrEqual(366);
    },
  );

  it.each(Object.values(PRICE_TABLES))(
    'of $region makes `npm run cost` warn once past its refresh day, naming the region and dates',
    (table) => {
      const dayAfter = new Date(Date.parse(table.refreshBy) + DAY_MS);
      expect(stalePriceWarnings([table.region, table.region], dayAfter)).toEqual([
        `cost: warning: the ${table.region} prices were read on ${table.readOn} and were due for a refresh by ${table.refreshBy}; refresh them (docs/runbook.md, Cost)`,
      ]);
      expect(stalePriceWarnings([table.region], new Date(Date.parse(table.readOn)))).toEqual([]);
      expect(stalePriceWarnings([table.region], new Date(Date.parse(table.refreshBy)))).toEqual([]);
    },
  );

  it.each(Object.values(PRICE_TABLES))(
    'of $region names a public AWS page and a read date for every price',
    (table) => {
      for (const [key, price] of Object.entries(table.prices)) {
        expect(price.source, key).toMatch(/^https:\/\/aws\.amazon\.com\/[\w/-]+\/$/);
        expect(Number.isFinite(price.usd) && price.usd >= 0, key).toBe(true);
        expect(price.per, key).not.toBe('');
        // The table's date is its oldest price's: a price read earlier would hide from the age test.
        expect(Date.parse(price.readOn), key).toBeGreaterThanOrEqual(Date.parse(table.readOn));
      }
    },
  );

  it('refuses a region it has no prices for, naming it', () => {
    expect(() => priceTableFor('eu-west-3')).toThrow(/^cost: no price table for region eu-west-3 /);
  });
});
