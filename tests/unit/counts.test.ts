import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../src/lib/counts.ts';
import { pageLinks } from '../../src/lib/paginate.ts';

describe('counts', () => {
  it('groups thousands and picks the noun by number', () => {
    expect(formatCount(7637)).toBe('7,637');
    expect(formatCount(12)).toBe('12');
    expect(countOf(1, 'article', 'articles')).toBe('1 article');
    expect(countOf(0, 'article', 'articles')).toBe('0 articles');
    expect(countOf(10000, 'article', 'articles')).toBe('10,000 articles');
  });
});

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
  it('every page is within reach: each number appears once, in order, and the current page is there', () => {
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
  });
});
