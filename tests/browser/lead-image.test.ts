/**
 * An article with a lead image in Chromium on a 375 px phone at 2x: the page's HTML, CSS and the
 * one image the browser picks from the srcset weigh under 100 KB as sent (gzipped by `astro
 * preview`, like a static host), the picked image is an AVIF candidate, and nothing shifts
 * while the image arrives (cumulative layout shift 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { fixtureContent, fixtureDist } from '../helpers/paths.ts';

const run = chromiumAvailable();
const MAX_BYTES = 100 * 1024;
const withImage = readContentArticles(fixtureContent).filter((article) => article.image && !article.draft);

describe.runIf(run)('an article with a lead image on a phone', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite(fixtureDist, { deviceScaleFactor: 2 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('has articles with lead images to measure', () => {
    expect(withImage.length).toBeGreaterThan(0);
  });

  for (const article of withImage) {
    it(`weighs under 100 KB with its image and does not shift: ${article.slug}`, async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 375, height: 667 });
      await page.addInitScript(() => {
        const w = window as unknown as { __shift: number };
        w.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number }[]) w.__shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      const sent: { url: string; type: string; bytes: number }[] = [];
      page.on('requestfinished', async (request) => {
        const type = request.resourceType();
        if (type !== 'document' && type !== 'stylesheet' && type !== 'image') return;
        const sizes = await request.sizes();
        sent.push({ url: request.url(), type, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
      });
      await page.goto(`${session.origin}${url(paths.article(article.slug))}`, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      const picked = await page.evaluate(() => {
        const img = document.querySelector<HTMLImageElement>('.lead-image img')!;
        const avif = img.closest('picture')!.querySelector('source[type="image/avif"]')!.getAttribute('srcset')!;
        return { current: new URL(img.currentSrc).pathname, avif: avif.split(',').map((candidate) => candidate.trim().split(/\s+/)[0]), complete: img.complete && img.naturalWidth > 0 };
      });
      expect(picked.complete).toBe(true);
      expect(picked.avif).toContain(picked.current);
      const images = sent.filter((entry) => entry.type === 'image');
      expect(images.map((entry) => new URL(entry.url).pathname)).toEqual([picked.current]);
      const total = sent.reduce((sum, entry) => sum + entry.bytes, 0);
      console.log(`${article.slug}, 375 px at 2x: ${sent.length} requests, ${(total / 1024).toFixed(1)} KB (image ${(images[0].bytes / 1024).toFixed(1)} KB)`);
      expect(total).toBeLessThan(MAX_BYTES);
      expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
      await page.close();
    });
  }
});
