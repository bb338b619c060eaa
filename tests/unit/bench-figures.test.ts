/**
 * The bench's own logic that can go wrong without anyone noticing: the figures it reads from what
 * the builds print (a change of wording would turn them into "n/a"), how it sorts the first
 * search's bytes, and its command line.
 */
import { describe, expect, it } from 'vitest';
import { AstroBuilder } from '../../node_modules/astro/dist/core/build/index.js';
import { parseOptions } from '../../bench/options.ts';
import { astroBuiltMs, imageRate } from '../../bench/output.ts';
import { kindOf } from '../../bench/search.ts';
import { statsSummary } from '../../src/integrations/og-generator.ts';

/**
 * Astro's line for its build time, as Astro itself writes it: its own stats printer (not
 * exported, so reached by path) with a build that took `ms`. The bench reads that line, and a
 * change to Astro's words or time format should fail here rather than turn the figure into "n/a".
 */
async function astroStatsLine(ms: number): Promise<string> {
  const lines: string[] = [];
  const logger = { info: (label: string, message: string) => lines.push(`[${label}] ${message}`) };
  const printStats = (AstroBuilder.prototype as unknown as { printStats(options: object): Promise<void> }).printStats;
  await printStats.call({}, { logger, timeStart: performance.now() - ms, pageCount: 74, buildMode: 'static' });
  return lines.join('\n');
}

describe('bench: figures read from what a build prints', () => {
  it("takes the image worker's time per image from the og-images line", () => {
    const line = statsSummary({ fromCache: 0, rendered: 1000, renderMs: 3111, workers: 1 });
    expect(imageRate(`\u001b[2m17:52:00\u001b[22m [og-images] ${line}`)).toBe(3.1);
  });

  it('has no image rate when every image came from the cache', () => {
    expect(imageRate(statsSummary({ fromCache: 1000, rendered: 0, renderMs: 0, workers: 0 }))).toBeNull();
  });

  it("reads Astro's own build time in milliseconds, seconds and minutes, as Astro writes each", async () => {
    expect(astroBuiltMs(await astroStatsLine(406))).toBe(406);
    expect(astroBuiltMs(await astroStatsLine(6710))).toBe(6710);
    expect(astroBuiltMs(await astroStatsLine(107_000))).toBe(107_000);
    expect(astroBuiltMs('[build] Complete!')).toBeNull();
  });
});

describe('bench: the first search', () => {
  it("counts Pagefind's metadata file apart from the rest of the index", () => {
    const base = 'http://127.0.0.1:4321/pagefind/';
    expect(kindOf(`${base}pagefind.en_d47945de4c.pf_meta`, 'fetch')).toBe('metadata');
    expect(kindOf(`${base}index/en_7e7d105.pf_index`, 'fetch')).toBe('index');
    expect(kindOf(`${base}fragment/en_2f65d0b.pf_fragment`, 'fetch')).toBe('fragments');
    expect(kindOf(`${base}pagefind.js`, 'script')).toBe('pagefind-js');
    expect(kindOf(`${base}wasm.en.pagefind`, 'fetch')).toBe('wasm');
  });
});

describe('bench: command line', () => {
  it('lets --n and --max-wait override what --quick picks', () => {
    expect(parseOptions(['--quick', '--n', '500,2_000', '--max-wait', '5'])).toMatchObject({ sizes: [500, 2000], maxWaitMs: 5000 });
  });

  it('turns a step off with --no-…', () => {
    expect(parseOptions(['--no-hugo', '--no-browser', '--no-warm'])).toMatchObject({ hugo: false, browser: false, warm: false });
  });

  it('refuses a size or a round count that is not a positive whole number', () => {
    expect(() => parseOptions(['--n', '10,000'])).toThrow(/--n needs a whole number of at least 1, got "000"/);
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseOptions(['--sizes', '5'])).toThrow(/sizes/);
  });
});
