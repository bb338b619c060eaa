import { describe, expect, it } from 'vitest';
import { displayDate, isoDay, parseIsoDate } from '../../src/lib/dates.ts';

describe('dates', () => {
  it('formats calendar days in UTC, the same when asked again', () => {
    const day = new Date('2024-11-22T00:00:00Z');
    expect(isoDay(day)).toBe('2024-11-22');
    expect(displayDate(day)).toBe('22 November 2024');
    expect(displayDate(new Date('2024-11-22T00:00:00Z'))).toBe('22 November 2024');
    // A remembered day must not leak into the next one.
    expect(displayDate(new Date('2024-11-23T00:00:00Z'))).toBe('23 November 2024');
    expect(isoDay(new Date('2024-02-29T00:00:00Z'))).toBe('2024-02-29');
  });

  it('refuses impossible days', () => {
    expect(parseIsoDate('2024-02-30')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-04-31')).toBeNull();
    expect(parseIsoDate('2024-00-10')).toBeNull();
    expect(parseIsoDate('2024-1-5')).toBeNull();
    expect(parseIsoDate('2024-11-22T10:00:00Z')).toBeNull();
    expect(parseIsoDate(' 2024-11-22 ')?.toISOString()).toBe('2024-11-22T00:00:00.000Z');
  });
});
