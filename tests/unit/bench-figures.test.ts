import { describe, expect, it } from 'vitest';
import { imageRate, kindOf, phases } from '../../scripts/bench.ts';
import { statsSummary } from '../../src/integrations/og-images.ts';

// The benchmark reads the build's own log lines; these hold its parsers to what the build writes.
describe('bench: figures read from a build log', () => {
  it("takes the image worker's time per image from the og-images line", () => {
    const line = statsSummary({ fromCache: 0, rendered: 1000, renderMs: 3111, workers: 1 });
    const log = [
      'og images: 0 of 1000 in the cache, rendering 1000 on up to 1 worker thread(s)',
      `\u001b[2m17:52:00\u001b[22m [og-images] wrote 1000 preview images in 14 ms; ${line}`,
      'phases: {"setup":244,"render":21847,"pagefind":null}',
    ].join('\n');
    expect(imageRate(log)).toBe(3.1);
    expect(phases(log)).toEqual({ setup: 244, render: 21847, pagefind: null });
  });

  it('has no image rate when every image came from the cache', () => {
    expect(imageRate(statsSummary({ fromCache: 1000, rendered: 0, renderMs: 0, workers: 0 }))).toBeNull();
  });

  it("counts Pagefind's metadata file apart from the rest of the index", () => {
    const base = 'http://127.0.0.1:4321/pagefind/';
    expect(kindOf(`${base}pagefind.en_d47945de4c.pf_meta`, 'fetch')).toBe('metadata');
    expect(kindOf(`${base}index/en_7e7d105.pf_index`, 'fetch')).toBe('index');
    expect(kindOf(`${base}fragment/en_2f65d0b.pf_fragment`, 'fetch')).toBe('fragments');
    expect(kindOf(`${base}pagefind.js`, 'script')).toBe('pagefind-js');
  });
});
