import { describe, expect, it } from 'vitest';
import { pageLinks } from '../../src/lib/paginate.ts';

describe('pageLinks', () => {
  it('links every page when there are few', () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(2, 3)).toEqual([1, 2, 3]);
    expect(pageLinks(1, 4)).toEqual([1, 2, 3, 4]);
  });
  it('keeps the first and last pages and the neighbours of the current one, with gaps between', () => {
    expect(pageLinks(1, 153)).toEqual([1, 2, null, 153]);
    expect(pageLinks(80, 153)).toEqual([1, null, 79, 80, 81, null, 153]);
    expect(pageLinks(153, 153)).toEqual([1, null, 152, 153]);
    expect(pageLinks(80, 153, 2)).toEqual([1, null, 78, 79, 80, 81, 82, null, 153]);
  });
  it('shows a single left-out page instead of a gap', () => {
    expect(pageLinks(4, 10)).toEqual([1, 2, 3, 4, 5, null, 10]);
    expect(pageLinks(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageLinks(7, 10)).toEqual([1, null, 6, 7, 8, 9, 10]);
  });
  it('always shows the first page, the last and the current one, each number once and in order, at most seven entries', () => {
    for (let total = 1; total <= 40; total += 1) {
      for (let current = 1; current <= total; current += 1) {
        const links = pageLinks(current, total);
        const numbers = links.filter((n): n is number => n !== null);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(numbers).toContain(current);
        expect(numbers[0]).toBe(1);
        expect(numbers.at(-1)).toBe(total);
        // A gap always hides at least two pages.
        links.forEach((n, i) => {
          if (n === null) expect((links[i + 1] as number) - (links[i - 1] as number)).toBeGreaterThan(2);
        });
        expect(links.length).toBeLessThanOrEqual(7);
      }
    }
  });
  it('rejects a page outside the range', () => {
    expect(() => pageLinks(0, 3)).toThrow(/page 0/);
    expect(() => pageLinks(4, 3)).toThrow(/page 4/);
    expect(() => pageLinks(1, 0)).toThrow(/page count 0/);
    expect(() => pageLinks(5, 10, -1)).toThrow(/around/);
    expect(() => pageLinks(5, 10, 0.5)).toThrow(/around/);
  });
});
