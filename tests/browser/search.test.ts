/**
 * Search in Chromium: filters, URLs that carry the whole search, the back button, the "/"
 * shortcut, keyboard use and the announced result count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { FILLER_COUNT, fixtureDist } from '../helpers/paths.ts';

const run = chromiumAvailable();

describe.runIf(run)('search in Chromium', () => {
  let session: Session;
  /** The fixture site: 125 filler articles match "filler summit", enough for several pages of results. */
  let fixture: Session;
  beforeAll(async () => {
    session = await openSite();
    fixture = await openSite(fixtureDist);
  });
  afterAll(async () => {
    await session?.close();
    await fixture?.close();
  });

  async function open(path: string, site: Session = session): Promise<Page> {
    const page = await site.context.newPage();
    await page.goto(`${site.origin}${url(path)}`);
    return page;
  }

  async function settled(page: Page, text: string): Promise<string> {
    await page.waitForFunction((t) => document.querySelector('#search-status')?.textContent?.includes(t), text, { timeout: 15_000 });
    return (await page.locator('#search-status').textContent()) ?? '';
  }

  const titles = (page: Page) => page.locator('.search-result h2 a').allTextContents();

  it('restores a shared search URL with its query and filters', async () => {
    const page = await open(`${paths.search('chips')}&entity=smic&year=2024`);
    const status = await settled(page, 'in SMIC, 2024');
    expect(status).toMatch(/^1 article matches “chips” in SMIC, 2024\.$/);
    expect(await titles(page)).toEqual(['Huawei aims to mass-produce advanced AI chip by 2025']);
    expect(await page.inputValue('#search-q')).toBe('chips');
    expect(await page.inputValue('select[name="entity"]')).toBe('smic');
    await page.close();
  });

  it('puts filter changes in the URL and takes them back with the back button', async () => {
    const page = await open(paths.search('Musk'));
    await settled(page, '“Musk”');
    const unfiltered = await titles(page);
    expect(unfiltered.length).toBeGreaterThan(1);
    await page.selectOption('select[name="entity"]', 'tiktok');
    await settled(page, 'in TikTok');
    expect(page.url()).toContain('entity=tiktok');
    expect(await titles(page)).toEqual(['TikTok faces divestment deadline in the US']);
    await page.goBack();
    await settled(page, 'articles match “Musk”.');
    expect(page.url()).not.toContain('entity=');
    expect(await titles(page)).toEqual(unfiltered);
    await page.close();
  });

  it('says so when nothing matches', async () => {
    const page = await open(`${paths.search('Huawei')}&entity=spacesail`);
    const status = await settled(page, 'No articles');
    expect(status).toBe('No articles match “Huawei” in SpaceSail.');
    expect(await titles(page)).toEqual([]);
    await page.close();
  });

  it('ignores a filter value the site does not have instead of showing nothing', async () => {
    const page = await open(`${paths.search('Huawei')}&year=1999&topic=nonsense`);
    const status = await settled(page, '“Huawei”');
    expect(status).toMatch(/^\d+ articles? match(es)? “Huawei”\.$/);
    expect(await page.inputValue('select[name="year"]')).toBe('');
    await page.close();
  });

  it('sorts by date when asked', async () => {
    const page = await open(`${paths.search('China')}&sort=oldest`);
    await settled(page, '“China”');
    const dates = await page.locator('.search-result time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort()).toEqual(dates);
    await page.close();
  });

  it('opens the search box with "/" from any page, and searches with the keyboard alone', async () => {
    const page = await open(paths.article('tiktok-faces-divestment-deadline-in-the-us'));
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type('satellite');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=satellite/);
    await settled(page, '“satellite”');
    expect((await titles(page))[0]).toBe('China’s SpaceSail takes on Starlink in Latin America');
    // Tab from the box reaches the filters and then the first result.
    await page.focus('#search-q');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.search-result') !== null)).toBe(true);
    await page.close();
  });

  it('does not steal "/" while the reader types in a field', async () => {
    const page = await open(paths.search());
    await page.focus('#search-q');
    await page.keyboard.type('a/b');
    expect(await page.inputValue('#search-q')).toBe('a/b');
    await page.close();
  });

  it('announces the result count in a live region', async () => {
    const page = await open(paths.search('telecom'));
    await settled(page, '“telecom”');
    expect(await page.getAttribute('#search-status', 'role')).toBe('status');
    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ articles match “telecom”\.$/);
    await page.close();
  });

  it('shows ten results at a time, and the next ten on request with focus on the first new one', async () => {
    const page = await open(paths.search('filler summit'), fixture);
    await settled(page, '“filler summit”');
    expect(await page.locator('#search-status').textContent()).toBe(`${FILLER_COUNT} articles match “filler summit”.`);
    expect(await page.locator('.search-result').count()).toBe(10);
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 20);
    expect(await page.evaluate(() => document.activeElement === document.querySelectorAll('.search-result a')[10])).toBe(true);
    expect(await page.isVisible('#search-more')).toBe(true);
    await page.close();
  });

  it('shows the first five results together, then each as soon as it and those above it have arrived, in rank order', async () => {
    const query = 'filler summit';
    const plain = await open(paths.search(query), fixture);
    await settled(plain, `“${query}”`);
    const ranked = await titles(plain);
    await plain.close();

    // Hold every result fragment; Pagefind asks for them in rank order.
    const page = await fixture.context.newPage();
    const held: (() => Promise<void>)[] = [];
    await page.route('**/pagefind/*/fragment/*', (route) => {
      held.push(() => route.continue());
    });
    await page.goto(`${fixture.origin}${url(paths.search(query))}`);
    // The first five are read to put an exact title first (TITLE_CHECK_LIMIT in src/scripts/ranked-search.ts).
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(5);
    const count = () => page.locator('.search-result').count();
    // The first result's fragment alone shows nothing while the other four are read.
    await held[0]();
    await page.waitForTimeout(300);
    expect(await count()).toBe(0);
    for (const release of held.slice(1, 5)) await release();
    // A page of results is ten (PAGE_SIZE in src/scripts/search.ts): the next five are asked for.
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(10);
    await expect.poll(count, { timeout: 5_000 }).toBe(5);
    // The last result's fragment alone shows nothing more: results appear in rank order.
    await held[9]();
    await page.waitForTimeout(300);
    expect(await count()).toBe(5);
    await held[5]();
    await expect.poll(count, { timeout: 5_000 }).toBe(6);
    for (const release of held.slice(6, 9)) await release();
    await settled(page, `“${query}”`);
    expect(await titles(page)).toEqual(ranked);
    await page.close();
  });

  it('loads the next ten once when "More results" is pressed twice while they load', async () => {
    const page = await open(paths.search('filler summit'), fixture);
    await settled(page, '“filler summit”');
    const held: (() => Promise<void>)[] = [];
    await page.route('**/pagefind/*/fragment/*', (route) => {
      held.push(() => route.continue());
    });
    await page.click('#search-more');
    await expect.poll(() => held.length, { timeout: 15_000 }).toBe(10);
    await page.click('#search-more');
    await page.waitForTimeout(300);
    // The second press asked for nothing more.
    expect(held.length).toBe(10);
    for (const release of held) await release();
    await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 20);
    await page.waitForTimeout(300);
    const shown = await titles(page);
    expect(shown.length).toBe(20);
    expect(new Set(shown).size).toBe(20);
    await page.close();
  });

  it('shows title, date, topics and a highlighted excerpt for each result', async () => {
    const page = await open(paths.search('lithography'));
    await settled(page, '“lithography”');
    const first = page.locator('.search-result').first();
    expect(await first.locator('h2 a').getAttribute('href')).toMatch(/^\/articles\//);
    expect(await first.locator('time').textContent()).toMatch(/^\d{1,2} \w+ \d{4}$/);
    expect(await first.locator('.meta').textContent()).toMatch(/Chips/);
    expect((await first.locator('mark').first().textContent())?.toLowerCase()).toBe('lithography');
    await page.close();
  });
});
