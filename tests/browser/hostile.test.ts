/**
 * Hostile content in real Chromium: the fixture's hostile-markup article carries <script>,
 * event handlers, javascript: and data: links, an <iframe>, <style>, <svg onload> and
 * </script> in its title and summary. Nothing of it may run, anywhere it appears: no dialog,
 * no console error, no CSP violation, no request to another host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { prevArchivePath } from '../helpers/dist.ts';
import { FILLER_AUTHOR, fixtureDist } from '../helpers/paths.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';

const run = chromiumAvailable();
const SLUG = 'hostile-markup';

describe.runIf(run)('hostile content in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite(fixtureDist);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function visit(path: string, then?: (page: import('playwright-core').Page) => Promise<void>) {
    const page = await session.context.newPage();
    const events: string[] = [];
    const foreign: string[] = [];
    page.on('dialog', async (dialog) => {
      events.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') events.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => events.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(session.origin)) foreign.push(request.url());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`${session.origin}${url(path)}`);
    if (then) await then(page);
    await page.waitForLoadState('load');
    // Click every link that is not a real navigation target, as a curious reader would.
    await page.evaluate(() => {
      for (const a of document.querySelectorAll<HTMLAnchorElement>('.article-body a:not([href])')) a.click();
    });
    await page.waitForTimeout(300);
    const title = await page.title();
    await page.close();
    return { events, foreign, title };
  }

  it('runs nothing on the article page and shows the title as text', async () => {
    const { events, foreign, title } = await visit(paths.article(SLUG));
    expect(events).toEqual([]);
    expect(foreign).toEqual([]);
    expect(title).toContain("</script><script>alert('title')</script>");
  });

  it('runs nothing on the topic pages, author page and home page that list it', async () => {
    // Its author's name, "Desk <Reporter> & \"Co\"", is hostile too (tests/helpers/build-fixture.ts).
    for (const path of [paths.topic('telecoms'), paths.topic('cybersecurity'), paths.author(FILLER_AUTHOR), paths.authors(), paths.home()]) {
      const { events, foreign } = await visit(path);
      expect(events, path).toEqual([]);
      expect(foreign, path).toEqual([]);
    }
  });

  it('runs nothing in search results that show it', async () => {
    const { events, foreign } = await visit(paths.search('wombatword'), async (page) => {
      await page.waitForSelector('.search-result');
      expect(await page.locator('.search-result h2 a').first().getAttribute('href')).toBe(url(paths.article(SLUG)));
    });
    expect(events).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('runs nothing when a feed, or one month of its archive, is opened in the browser', async () => {
    const rss = readFileSync(join(fixtureDist, 'rss.xml'), 'utf8');
    const archive = prevArchivePath(rss)!;
    for (const path of [paths.rss(), paths.topicRss('telecoms'), paths.authorRss(FILLER_AUTHOR), paths.jsonFeed()]) {
      // The article is dated in the newest month, so every subscription document holds it.
      expect(readFileSync(join(fixtureDist, path), 'utf8'), path).toContain(absoluteUrl(paths.article(SLUG)));
    }
    for (const path of [paths.rss(), paths.topicRss('telecoms'), paths.authorRss(FILLER_AUTHOR), paths.jsonFeed(), archive]) {
      const { events, foreign } = await visit(path);
      expect(events, path).toEqual([]);
      expect(foreign, path).toEqual([]);
    }
  });
});
