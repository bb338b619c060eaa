/**
 * Layout as readers see it, in Chromium on a phone and on a desktop: every page's first heading
 * stands clear of the header's rule, and the search page does not move under the reader while
 * results arrive (cumulative layout shift from the Layout Instability API, for a search in the
 * URL and for one typed into the box).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { fixtureDist } from '../helpers/paths.ts';
import { paths, url } from '../../src/lib/urls.ts';

const run = chromiumAvailable();
/** The threshold web.dev calls good is 0.1; a page whose content is all late-arriving results can do better. */
const MAX_SHIFT = 0.05;

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667, isMobile: true },
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
];

/** One page of each kind. */
const PAGES = [
  paths.home(),
  paths.topics(),
  paths.topic('chips'),
  paths.article('global-south-needs-better-ai-access-says-xi'),
  paths.entities(),
  paths.entity('huawei'),
  paths.archive(),
  paths.feeds(),
  paths.search(),
];
/** The least room between the header's rule and the top of the page's first element, in CSS pixels. */
const MIN_GAP = 16;

describe.runIf(run)('page layout', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite(fixtureDist);
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Opens the search page with a layout-shift observer installed before any of it draws. */
  async function open(viewport: (typeof VIEWPORTS)[number], query: string) {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.addInitScript(() => {
      const w = window as unknown as { __shift: number };
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          // Shifts right after typing are the reader's own doing, as the metric defines.
          if (!entry.hadRecentInput) w.__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${session.origin}${url(paths.search())}${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    return page;
  }

  const shift = (page: Awaited<ReturnType<typeof open>>) => page.evaluate(() => (window as unknown as { __shift: number }).__shift);

  for (const viewport of VIEWPORTS) {
    it(`keeps the first heading of every page clear of the header on a ${viewport.name}`, async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const tight: string[] = [];
      for (const path of [...PAGES, '/no-such-page/']) {
        await page.goto(`${session.origin}${url(path)}`);
        const gap = await page.evaluate(() => {
          const rule = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
          const first = document.querySelector('main')!.firstElementChild!.getBoundingClientRect().top;
          return first - rule;
        });
        if (gap < MIN_GAP) tight.push(`${path}: ${gap.toFixed(1)} px`);
      }
      expect(tight).toEqual([]);
      await page.close();
    });

    it(`keeps results from shifting the page on a ${viewport.name} (search in the URL)`, async () => {
      const page = await open(viewport, 'filler summit');
      await page.waitForFunction(() => document.querySelectorAll('.search-result').length >= 10, null, { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“filler summit”'));
      // Layout shifts are reported after the frame that made them.
      await page.waitForTimeout(500);
      const value = await shift(page);
      console.log(`search page, ${viewport.name}, search in the URL: cumulative layout shift ${value.toFixed(4)}`);
      expect(value).toBeLessThan(MAX_SHIFT);
      await page.close();
    });

    it(`keeps results from shifting the page on a ${viewport.name} (search typed)`, async () => {
      const page = await open(viewport, '');
      await page.locator('#search-q').pressSequentially('summit', { delay: 30 });
      await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“summit”'), null, { timeout: 15_000 });
      // Past the 500 ms after typing in which the metric forgives shifts, the results are still arriving.
      await page.waitForTimeout(800);
      const value = await shift(page);
      console.log(`search page, ${viewport.name}, search typed: cumulative layout shift ${value.toFixed(4)}`);
      expect(value).toBeLessThan(MAX_SHIFT);
      await page.close();
    });
  }
});
