import { describe, expect, it } from 'vitest';
import { assignTopics, scoreTopics } from '../../src/lib/topic-assign.ts';
import { countTerms } from '../../src/lib/match.ts';

const topics = [
  { slug: 'chips', keywords: ['chip', 'semiconductor', 'Nvidia'] },
  { slug: 'ai', keywords: ['AI', 'artificial intelligence'] },
  { slug: 'space', keywords: ['satellite', 'Starlink'] },
];

describe('countTerms', () => {
  it('matches whole words, plurals and possessives, ignoring case for words', () => {
    expect(countTerms('Chips and a chip; Nvidia’s semiconductors', ['chip', 'semiconductor', 'Nvidia'])).toBe(4);
    expect(countTerms('microchips and chipmaking', ['chip'])).toBe(0);
  });
  it('matches capitalised acronyms case-sensitively', () => {
    expect(countTerms('said the aide; AI rules', ['AI'])).toBe(1);
    expect(countTerms('US rules; tell us more', ['US'])).toBe(1);
  });
  it('matches multi-word terms across spaces', () => {
    expect(countTerms('rules for artificial  intelligence', ['artificial intelligence'])).toBe(1);
  });
});

describe('assignTopics', () => {
  it('weighs the title above the body and orders by score', () => {
    expect(assignTopics('Nvidia chip sales', 'A satellite was mentioned once.', topics)).toEqual(['chips']);
    expect(scoreTopics('Nvidia chip sales', 'A satellite.', topics)).toEqual([
      { slug: 'chips', score: 6 },
      { slug: 'space', score: 1 },
    ]);
  });
  it('keeps every strong topic', () => {
    expect(assignTopics('AI chip', 'Starlink satellite, another satellite and a Starlink dish.', topics)).toEqual([
      'space',
      'ai',
      'chips',
    ]);
  });
  it('falls back to the best weak match', () => {
    expect(assignTopics('Markets', 'One satellite.', topics)).toEqual(['space']);
  });
  it('returns nothing when no keyword occurs', () => {
    expect(assignTopics('Markets', 'Nothing relevant.', topics)).toEqual([]);
  });
});
