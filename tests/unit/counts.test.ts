import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../src/lib/counts.ts';

describe('counts', () => {
  it('groups thousands and picks the noun by number', () => {
    expect(formatCount(7637)).toBe('7,637');
    expect(formatCount(12)).toBe('12');
    expect(countOf(1, 'article', 'articles')).toBe('1 article');
    expect(countOf(0, 'article', 'articles')).toBe('0 articles');
    expect(countOf(10000, 'article', 'articles')).toBe('10,000 articles');
  });
});
