import { describe, expect, it } from 'vitest';
import { imageRate, kindOf, phases } from '../../scripts/bench.ts';

// The benchmark reads the build's own log lines; these hold it to their wording.
describe('bench: figures read from a build log', () => {
  it("takes the image worker's time per image from the og-images line", () => {
    const log = [
      'og images: 0 of 1000 in the cache, rendering 1000 on up to 1 worker thread(s)',
      '\u001b[2m17:52:00\u001b[22m [og-images] wrote 1000 preview images in 14 ms; og images: 0 from the cache, 1000 rendered in 3111 ms on 1 worker thread (3.1 ms/image)',
      'phases: {"setup":244,"render":21847,"pagefind":null}',
    ].join('\n');
    expect(imageRate(log)).toBe(3.1);
    expect(phases(log)).toEqual({ setup: 244, render: 21847, pagefind: null });
  });

  it('has no image rate when every image came from the cache', () => {
    expect(imageRate('og images: 1000 from the cache, 0 rendered in 0 ms on the main thread')).toBeNull();
  });

  it("counts Pagefind's metadata file apart from the rest of the index", () => {
    const base = 'http://127.0.0.1:4321/pagefind/';
    expect(kindOf(`${base}pagefind.en_3a5f.pf_meta`, 'fetch')).toBe('metadata');
    expect(kindOf(`${base}index/en_1b2c.pf_index`, 'fetch')).toBe('index');
    expect(kindOf(`${base}fragment/en_9.pf_fragment`, 'fetch')).toBe('fragments');
    expect(kindOf(`${base}pagefind.js`, 'script')).toBe('pagefind-js');
  });
});
