import { describe, expect, it } from 'vitest';
import { indexedPageCount } from '../../scripts/lib/search-index.ts';

describe('indexedPageCount', () => {
  it("reads the page count from Pagefind's summary", () => {
    const output = 'Total: \n  Indexed 1 language\n  Indexed 10000 pages\n  Indexed 767 words\n  Indexed 5 filters\n';
    expect(indexedPageCount(output)).toBe(10000);
    expect(indexedPageCount('  Indexed 1 page\n')).toBe(1);
    expect(indexedPageCount('  Indexed 0 pages\n')).toBe(0);
  });
  it('returns null when the summary is missing', () => {
    expect(indexedPageCount('Error: could not read the site\n')).toBeNull();
    expect(indexedPageCount('  Indexed 1 language\n')).toBeNull();
  });
});
