import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { paths, url } from '../../src/lib/urls.ts';

const run = chromiumAvailable();

describe.runIf(run)('the built site in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite();
  });
  afterAll(async () => {
    await session?.close();
  });

  /** Opens a page and records every request and console message it causes. */
  async function visit(path: string) {
    const page = await session.context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const response = await page.goto(`${session.origin}${url(path)}`);
    return { page, requests, problems, status: response?.status() };
  }

  async function search(page: Page, query: string) {
    await page.fill('#search-q', query);
    await page.waitForFunction(
      (q) => document.querySelector('#search-status')?.textContent?.includes(`“${q}”`),
      query,
      { timeout: 15_000 },
    );
  }

  it('finds the Huawei article first when searching for Huawei', async () => {
    const { page, problems } = await visit(paths.search());
    await search(page, 'Huawei');
    const first = page.locator('.search-result h2 a').first();
    expect(await first.textContent()).toBe('Huawei aims to mass-produce advanced AI chip by 2025');
    expect(await first.getAttribute('href')).toBe(url(paths.article('huawei-aims-to-mass-produce-advanced-ai-chip-by-2025')));
    expect(await page.locator('.search-result').first().locator('mark').first().textContent()).toMatch(/huawei/i);
    expect(await page.locator('.search-result').first().locator('time').textContent()).toBe('22 November 2024');
    expect(page.url()).toContain('?q=Huawei');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs a search from the header box of any page', async () => {
    const { page } = await visit(paths.topics());
    await page.fill('#site-search', 'Starlink');
    await page.press('#site-search', 'Enter');
    await page.waitForSelector('.search-result');
    expect(await page.locator('.search-result h2 a').first().textContent()).toBe('China’s SpaceSail takes on Starlink in Latin America');
    await page.close();
  });

  it('narrows results by topic', async () => {
    const { page } = await visit(`${paths.search('telecom')}&topic=chips`);
    await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('in Chips'));
    const titles = await page.locator('.search-result h2 a').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toContain('Huawei aims to mass-produce advanced AI chip by 2025');
    expect(titles).not.toContain('US lawmakers to probe China’s role in telecom breaches');
    await page.close();
  });

  it('follows a link from a topic page to an article', async () => {
    const { page } = await visit(paths.topic('space'));
    await page.click('.article-list a[href*="spacesail"]');
    await page.waitForURL(/\/articles\/chinas-spacesail/);
    expect(await page.locator('h1').textContent()).toBe('China’s SpaceSail takes on Starlink in Latin America');
    await page.close();
  });

  it('loads an article page with no request to another host, no search code and no console error', async () => {
    const { page, requests, problems, status } = await visit(paths.article('huawei-aims-to-mass-produce-advanced-ai-chip-by-2025'));
    await page.waitForLoadState('networkidle');
    expect(status).toBe(200);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith(session.origin))).toEqual([]);
    // Only the tiny "/" shortcut; Pagefind and the search page script load on the search page only.
    expect(requests.filter((r) => r.endsWith('.js')).length).toBe(1);
    expect(requests.filter((r) => /pagefind|search/.test(r))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('serves the 404 page for an unknown address', async () => {
    const { page, status } = await visit('/no-such-page/');
    expect(status).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });
});
