import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, relativeDate } from '../../../services/web/src/relative-date.js';

// 2026-12-10 is a Thursday.
const today = '2026-12-10';

describe('relative dates', () => {
  it.each([
    ['2026-12-10', 'Today', '今日'],
    ['2026-12-11', 'Tomorrow', '明日'],
    ['2026-12-09', 'Yesterday', '昨日'],
    ['2026-12-07', '3 days ago', '3 日前'],
    ['2026-12-12', 'Saturday', '土曜日'],
    ['2026-12-16', 'Wednesday', '水曜日'],
    ['2026-12-17', 'Thu, Dec 17', '12月17日(木)'],
    ['2027-01-05', 'Tue, Jan 5, 2027', '2027年1月5日(火)'],
  ])('says %s as “%s” and “%s”', (date, english, japanese) => {
    expect(relativeDate(date, today, 'en')).toBe(english);
    expect(relativeDate(date, today, 'ja')).toBe(japanese);
  });

  it('counts days across months and years', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
