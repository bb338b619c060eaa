import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/lib/dates.ts';
import { groupByWeek, isoWeekOf, isWeek, isWeekOver, parseWeekKey, weekEnd, weekKey, weeksInYear, weekStart } from '../../src/lib/weeks.ts';

const day = (text: string) => parseIsoDate(text)!;
const keyOf = (text: string) => weekKey(isoWeekOf(day(text)));
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('ISO weeks', () => {
  it('numbers the days around the turn of the year by the year of their Thursday', () => {
    expect(keyOf('2020-12-31')).toBe('2020-W53');
    expect(keyOf('2021-01-03')).toBe('2020-W53');
    expect(keyOf('2021-01-04')).toBe('2021-W01');
    expect(keyOf('2024-12-29')).toBe('2024-W52');
    expect(keyOf('2024-12-30')).toBe('2025-W01');
    expect(keyOf('2026-01-01')).toBe('2026-W01');
    expect(keyOf('2027-01-03')).toBe('2026-W53');
    expect(keyOf('2024-11-22')).toBe('2024-W47');
  });

  it('starts every week on a Monday and ends it on a Sunday, across the turn of the year', () => {
    expect(iso(weekStart({ year: 2020, week: 53 }))).toBe('2020-12-28');
    expect(iso(weekEnd({ year: 2020, week: 53 }))).toBe('2021-01-03');
    expect(iso(weekStart({ year: 2025, week: 1 }))).toBe('2024-12-30');
    expect(iso(weekStart({ year: 2024, week: 47 }))).toBe('2024-11-18');
    expect(iso(weekEnd({ year: 2024, week: 47 }))).toBe('2024-11-24');
    // Every day of a few years lies in the week whose Monday and Sunday enclose it.
    for (let time = day('2019-12-20').getTime(); time < day('2027-01-10').getTime(); time += 86_400_000) {
      const date = new Date(time);
      const week = isoWeekOf(date);
      expect(weekStart(week).getTime(), iso(date)).toBeLessThanOrEqual(time);
      expect(weekEnd(week).getTime(), iso(date)).toBeGreaterThanOrEqual(time);
      expect(weekStart(week).getUTCDay()).toBe(1);
    }
  });

  it('knows the years with 53 weeks', () => {
    expect([2015, 2019, 2020, 2021, 2024, 2026].map(weeksInYear)).toEqual([53, 52, 53, 52, 52, 53]);
  });

  it('reads a week key, refusing a week that does not exist or is written otherwise', () => {
    expect(parseWeekKey('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseWeekKey('2024-W01')).toEqual({ year: 2024, week: 1 });
    expect(parseWeekKey('2021-W53')).toEqual({ problem: '2021-W53 does not exist; 2021 has weeks 01 to 52' });
    expect(parseWeekKey('2024-W00')).toEqual({ problem: '2024-W00 does not exist; 2024 has weeks 01 to 52' });
    for (const text of ['2024-w47', '2024W47', '2024-W7', 'week 47']) {
      const parsed = parseWeekKey(text);
      expect(isWeek(parsed), text).toBe(false);
      expect((parsed as { problem: string }).problem, text).toContain('write it as YYYY-Www');
    }
  });
});

describe('groupByWeek', () => {
  it('groups items by week, newest week first, keeping their order inside each week', () => {
    const items = ['2025-01-02', '2024-12-30', '2024-12-29', '2024-11-24', '2024-11-18', '2024-11-17'].map((date, index) => ({ date, index }));
    const weeks = groupByWeek(items, (item) => day(item.date));
    expect(weeks.map((week) => [week.key, week.items.map((item) => item.date)])).toEqual([
      ['2025-W01', ['2025-01-02', '2024-12-30']],
      ['2024-W52', ['2024-12-29']],
      ['2024-W47', ['2024-11-24', '2024-11-18']],
      ['2024-W46', ['2024-11-17']],
    ]);
  });

  it('orders weeks newest first whatever order the items come in', () => {
    const weeks = groupByWeek(['2021-01-03', '2024-11-22', '2020-12-28', '2023-06-01'], day);
    expect(weeks.map((week) => week.key)).toEqual(['2024-W47', '2023-W22', '2020-W53']);
  });
});

describe('isWeekOver', () => {
  const w47 = { year: 2024, week: 47 };
  it('is over once an article is dated after its Sunday', () => {
    expect(isWeekOver(w47, day('2024-11-25'))).toBe(true);
    expect(isWeekOver(w47, day('2024-11-24'))).toBe(false);
    expect(isWeekOver(w47, day('2024-11-22'))).toBe(false);
    expect(isWeekOver(w47, undefined)).toBe(false);
  });
  it('is over early when the editor says the week is ready', () => {
    expect(isWeekOver(w47, day('2024-11-22'), true)).toBe(true);
    expect(isWeekOver(w47, undefined, true)).toBe(true);
  });
});
