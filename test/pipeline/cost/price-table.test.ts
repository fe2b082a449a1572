import { describe, expect, it } from 'vitest';
import { PRICE_TABLES, priceTableFor } from '../../../pipeline/cost/price-table.js';

const DAY_MS = 86_400_000;

describe('the price table', () => {
  it.each(Object.values(PRICE_TABLES))(
    'of $region was read less than a year ago (refresh it: docs/runbook.md, Cost)',
    (table) => {
      const ageDays = (Date.now() - Date.parse(table.readOn)) / DAY_MS;
      expect(ageDays, `read on ${table.readOn}`).toBeLessThan(365);
      expect(Date.parse(table.refreshBy) - Date.parse(table.readOn)).toBeLessThanOrEqual(366 * DAY_MS);
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
