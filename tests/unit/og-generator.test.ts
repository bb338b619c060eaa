import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OG_HEIGHT, OG_WIDTH, type OgImageInput } from '../../src/lib/og-layout.ts';
import { pngSize } from '../../src/lib/og-png.ts';
import { createOgImageGenerator } from '../../src/integrations/og-generator.ts';

const input: OgImageInput = {
  title: 'Huawei aims to mass-produce advanced AI chip by 2025',
  topic: 'Chips',
  date: '22 November 2024',
  siteName: 'Tech Policy Wire',
};

describe('the image generator and its cache', () => {
  const inputs: OgImageInput[] = [input, { ...input, title: 'Global south needs better AI access, says Xi', topic: 'Diplomacy' }];

  it.each([0, 1])('renders missing images once, with %i worker thread(s), and reads them from the cache after', async (workers) => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const cold = createOgImageGenerator({ cacheDir, workers });
      cold.prefetch(inputs);
      const first = await Promise.all(inputs.map((each) => cold.png(each)));
      await cold.idle();
      expect(cold.stats()).toMatchObject({ fromCache: 0, rendered: 2, workers });
      for (const png of first) {
        expect(pngSize(png)).toEqual({ width: OG_WIDTH, height: OG_HEIGHT });
        expect(png.length).toBeLessThan(100 * 1024);
      }
      await cold.close();

      const warm = createOgImageGenerator({ cacheDir, workers });
      warm.prefetch(inputs);
      expect(await warm.png(inputs[0])).toEqual(first[0]);
      expect(warm.stats()).toMatchObject({ fromCache: 2, rendered: 0 });

      // An image deleted from the cache after the build listed it is rendered again.
      rmSync(await warm.file(inputs[1]));
      expect(await warm.png(inputs[1])).toEqual(first[1]);
      expect(warm.stats().rendered).toBe(1);
      await warm.close();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives the worker every image at once, so it renders them while the main thread is busy', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const many = Array.from({ length: 12 }, (_, i) => ({ ...input, title: `Headline number ${i}` }));
      const generator = createOgImageGenerator({ cacheDir, workers: 1 });
      generator.prefetch(many);
      // The main thread never yields here, as when Astro renders a long page: a worker that has to
      // ask for its next image stops after the first few.
      const deadline = Date.now() + 20_000;
      let written = 0;
      while (Date.now() < deadline && written < many.length) {
        written = readdirSync(cacheDir).filter((name) => name.endsWith('.png')).length;
      }
      expect(written).toBe(many.length);
      await generator.idle();
      expect(generator.stats()).toMatchObject({ rendered: many.length, workers: 1 });
      await generator.close();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('fails the images still rendering when closed, and is idle after', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
    try {
      const generator = createOgImageGenerator({ cacheDir, workers: 1 });
      const pending = generator.file({ ...input, title: 'Closed before it was drawn' });
      // The worker takes far longer to load its fonts than this takes to close it.
      await generator.close();
      await expect(pending).rejects.toThrow(/closed before/);
      await generator.idle();
      expect(generator.stats().rendered).toBe(0);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
