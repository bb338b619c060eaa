import { describe, expect, it } from 'vitest';
import { assignTopics, describeScore, scoreTopics } from '../../src/lib/topic-assign.ts';
import { countTerms, findTerms, termPattern } from '../../src/lib/match.ts';

const topics = [
  { slug: 'chips', keywords: ['chipmaker', 'semiconductor', 'Nvidia', 'AI chip'] },
  { slug: 'ai', keywords: ['AI', 'artificial intelligence', 'chatbot'] },
  { slug: 'space', keywords: ['satellites', 'Starlink', 'low Earth orbit', 'Earth orbit', 'rocket launch'] },
  { slug: 'diplomacy', keywords: ['embassy', 'diplomat', "leaders' summit"] },
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
  it('matches multi-word terms across spaces and hyphens, and either apostrophe', () => {
    expect(countTerms('rules for artificial  intelligence', ['artificial intelligence'])).toBe(1);
    expect(countTerms('a zero day and a zero-day', ['zero-day'])).toBe(2);
    expect(countTerms('the leaders’ summit', ["leaders' summit"])).toBe(1);
  });
  it('adds "es" only after a sibilant', () => {
    expect(countTerms('taxes and tariffs', ['tax', 'tariff'])).toBe(2);
    expect(countTerms('hackes', ['hack'])).toBe(0);
    expect(termPattern('launch').test('rocket launches')).toBe(true);
  });
  it('finds the plural of a word ending in a consonant and y', () => {
    expect(countTerms('New policies on batteries and technologies', ['policy', 'battery', 'technology'])).toBe(3);
    expect(countTerms('a policy, a battery', ['policy', 'battery'])).toBe(2);
    expect(countTerms('the days and keys', ['day', 'key'])).toBe(2);
    expect(countTerms('policys', ['policy'])).toBe(0);
  });
  it('counts overlapping matches once, as the longest', () => {
    expect(findTerms('into low Earth orbit', ['Earth orbit', 'low Earth orbit'])).toEqual([
      { term: 'low Earth orbit', index: 5, length: 15 },
    ]);
  });
});

describe('scoreTopics', () => {
  it('reports title and body mentions, the keywords found and whether they are evidence', () => {
    expect(scoreTopics('Nvidia results', 'The chipmaker sold more. One satellites mention.', topics)).toEqual([
      { slug: 'chips', score: 4, titleHits: 1, bodyHits: 1, terms: ['Nvidia', 'chipmaker'], evidence: true, firstMention: 0 },
      { slug: 'space', score: 1, titleHits: 0, bodyHits: 1, terms: ['satellites'], evidence: false, firstMention: 44 },
    ]);
  });
  it('describes a score in one line', () => {
    const [entry] = scoreTopics('Markets', 'A rocket launch put satellites in orbit.', topics);
    expect(describeScore(entry)).toBe('space 2 (title 0, body 2: rocket launch, satellites)');
  });
});

describe('assignTopics', () => {
  it('assigns a topic named in the title', () => {
    expect(assignTopics('Nvidia chip sales', 'Revenue rose.', topics)).toEqual(['chips']);
  });
  it('assigns a topic from two different keywords in the body', () => {
    expect(assignTopics('Results', 'A rocket launch put 20 Starlink satellites up.', topics)).toEqual(['space']);
  });
  it('does not assign a topic from one passing body mention', () => {
    expect(assignTopics('Markets', 'One chatbot was mentioned.', topics)).toEqual([]);
  });
  it('does not assign a topic from one keyword repeated in the body', () => {
    const body = 'The embassy said exports rose. The embassy expects more. The embassy added figures.';
    expect(assignTopics('Cocoa exports seen up', body, topics)).toEqual([]);
  });
  it('orders topics by score, title mentions weighing more', () => {
    expect(assignTopics('AI chatbot', 'A semiconductor from a chipmaker; an AI chip.', topics)).toEqual([
      'ai',
      'chips',
    ]);
  });
  it('on a tie, puts first the topic the title names first', () => {
    expect(assignTopics('Diplomat talks AI', 'Nothing more.', topics)).toEqual(['diplomacy', 'ai']);
    expect(assignTopics('AI talks with a diplomat', 'Nothing more.', topics)).toEqual(['ai', 'diplomacy']);
  });
  it('keeps at most three topics', () => {
    expect(assignTopics('AI, Nvidia, Starlink and the embassy', '', topics)).toHaveLength(3);
  });
  it('returns nothing when no keyword occurs', () => {
    expect(assignTopics('Markets', 'Nothing relevant.', topics)).toEqual([]);
  });
});
