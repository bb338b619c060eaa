import { describe, expect, it } from 'vitest';
import { articleSlugFromPath, slugify } from '../../src/lib/slug.ts';

describe('slugify', () => {
  it('makes readable ASCII slugs', () => {
    expect(slugify('China’s SpaceSail takes on Starlink in Latin America')).toBe('chinas-spacesail-takes-on-starlink-in-latin-america');
    expect(slugify('AT&T and Verizon: what’s next?')).toBe('at-and-t-and-verizon-whats-next');
    expect(slugify('Über-fast 5G in São Paulo')).toBe('uber-fast-5g-in-sao-paulo');
  });
  it('is stable: the same title always gives the same slug', () => {
    const title = 'Huawei aims to mass-produce advanced AI chip by 2025';
    expect(slugify(title)).toBe(slugify(title));
    expect(slugify(title)).toBe('huawei-aims-to-mass-produce-advanced-ai-chip-by-2025');
  });
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((part) => part === 'word')).toBe(true);
  });
  it('returns an empty slug when there is nothing to keep', () => {
    expect(slugify('!!! ???')).toBe('');
  });
});

describe('articleSlugFromPath', () => {
  it('makes the URL slug of an article file from its path', () => {
    expect(articleSlugFromPath('huawei-chip.md')).toBe('huawei-chip');
    expect(articleSlugFromPath('Chip-Story.md')).toBe('chip-story');
    expect(articleSlugFromPath('2024/Nov Story.markdown')).toBe('2024-nov-story');
  });
});
