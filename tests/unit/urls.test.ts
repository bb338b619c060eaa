import { describe, expect, it } from 'vitest';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { normaliseBase } from '../../src/lib/site.ts';

describe('url', () => {
  it('joins paths onto the root base', () => {
    expect(url('/articles/x/', '/')).toBe('/articles/x/');
    expect(url('/', '/')).toBe('/');
  });
  it('joins paths onto a sub-path base', () => {
    expect(url('/articles/x/', '/news/')).toBe('/news/articles/x/');
    expect(url(paths.home(), '/news/')).toBe('/news/');
    expect(url(paths.rss(), '/news/')).toBe('/news/rss.xml');
  });
  it('builds absolute URLs from an origin and base', () => {
    expect(absoluteUrl('/topics/ai/', 'https://example.org', '/news/')).toBe('https://example.org/news/topics/ai/');
    expect(absoluteUrl('/', 'https://example.org', '/')).toBe('https://example.org/');
  });
});

describe('paths', () => {
  it('numbers topic pages from 2', () => {
    expect(paths.topic('ai')).toBe('/topics/ai/');
    expect(paths.topic('ai', 1)).toBe('/topics/ai/');
    expect(paths.topic('ai', 3)).toBe('/topics/ai/3/');
  });
  it('encodes search queries', () => {
    expect(paths.search('AT&T 5G')).toBe('/search/?q=AT%26T%205G');
  });
});

describe('normaliseBase', () => {
  it('always yields a leading and trailing slash', () => {
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('news')).toBe('/news/');
    expect(normaliseBase('/news/desk//')).toBe('/news/desk/');
  });
});
