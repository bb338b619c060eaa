import { describe, expect, it } from 'vitest';
import { entityMatcher, resolveEntities, unknownNames, type EntityDef } from '../../src/lib/entities.ts';

const entities: EntityDef[] = [
  { slug: 'nvidia', kind: 'organisation', name: 'Nvidia', aliases: ['NVIDIA'] },
  { slug: 'us', kind: 'country', name: 'United States', aliases: ['US', 'U.S.'] },
  { slug: 'china', kind: 'country', name: 'China', aliases: [] },
  { slug: 'xi', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] },
  { slug: 'senate', kind: 'organisation', name: 'US Senate', aliases: [] },
  { slug: 'att', kind: 'organisation', name: 'AT&T', aliases: [] },
];
const matcher = entityMatcher(entities);

describe('entityMatcher', () => {
  it('matches names and aliases, reporting each entity once in list order', () => {
    expect(matcher.find('China and NVIDIA; later Nvidia and China again')).toEqual(['nvidia', 'china']);
  });
  it('tells US from us, use, USB and AUSTRALIA', () => {
    expect(matcher.find('tell us how to use USB in AUSTRALIA, thus')).toEqual([]);
    expect(matcher.find('the US said')).toEqual(['us']);
    expect(matcher.find('U.S. officials')).toEqual(['us']);
  });
  it('matches possessives with curly and straight apostrophes', () => {
    expect(matcher.find('China’s plan')).toEqual(['china']);
    expect(matcher.find("Nvidia's chips")).toEqual(['nvidia']);
  });
  it('does not match inside longer words', () => {
    expect(matcher.find('Chinatown and Xiaomi and Nvidias')).toEqual([]);
  });
  it('prefers the longest name: "US Senate" is the Senate, "Xi Jinping" one person', () => {
    expect(matcher.find('The US Senate met')).toEqual(['senate']);
    expect(matcher.find('Xi Jinping spoke; Xi left')).toEqual(['xi']);
  });
  it('is case-sensitive for names', () => {
    expect(matcher.find('china clay and nvidia')).toEqual([]);
  });
  it('matches names with symbols and across line breaks', () => {
    expect(matcher.find('AT&T and Xi\nJinping')).toEqual(['xi', 'att']);
  });
});

describe('resolveEntities', () => {
  it('adds and removes frontmatter corrections', () => {
    expect(resolveEntities(['a', 'b'], ['c', 'a'], ['b'])).toEqual(['a', 'c']);
  });
});

describe('unknownNames', () => {
  it('reports capitalised names and acronyms that are not on the list', () => {
    const text = 'Wang Shouwen met Jay Puri in Beijing. The AIDC unit grew. Nvidia said so on Monday.';
    const names = unknownNames(text, new Set(['Nvidia'])).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['Wang Shouwen', 'Jay Puri', 'Beijing', 'AIDC']));
    expect(names).not.toContain('Nvidia');
    expect(names).not.toContain('The');
    expect(names).not.toContain('Monday');
  });
  it('counts repeats', () => {
    expect(unknownNames('We met Jay Puri. Later, Jay Puri left.', new Set())).toEqual([{ name: 'Jay Puri', count: 2 }]);
  });
});
