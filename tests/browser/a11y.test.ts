/**
 * axe-core (the engine behind Lighthouse's and the browser devtools' accessibility audits) in
 * real Chromium reports zero violations on every kind of page, in the light and the dark
 * colour scheme, on a desktop window and on a 375 px wide phone. Its default rule set runs:
 * WCAG 2.0/2.1/2.2 A and AA (colour contrast, names, labels, language, …) and its best
 * practices (landmarks, one h1, skip link target, …). On the phone, no page may scroll
 * sideways either (WCAG 1.4.10, reflow), which axe does not check.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { FILLER_AUTHOR, FILLER_TOPIC, fixtureDist } from '../helpers/paths.ts';
import { paths, url } from '../../src/lib/urls.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Target {
  name: string;
  path: string;
  /** 'fixture': the fixture site (tests/helpers/build-fixture.ts), for pages dist/ has none of. */
  site?: 'dist' | 'fixture';
  status?: number;
  /** Waits for what the page renders after load. */
  ready?: (page: Page) => Promise<unknown>;
}

/** One page of each kind. */
const PAGES: Target[] = [
  { name: 'home', path: paths.home() },
  { name: 'article', path: paths.article('huawei-aims-to-mass-produce-advanced-ai-chip-by-2025') },
  { name: 'topic', path: paths.topic('chips') },
  { name: 'topics index', path: paths.topics() },
  { name: 'entity', path: paths.entity('huawei') },
  { name: 'entities index', path: paths.entities() },
  { name: 'archive', path: paths.archive() },
  { name: 'archive month', path: paths.archiveMonth(2024, 11) },
  {
    name: 'search with results',
    path: paths.search('Huawei'),
    ready: async (page) => {
      await page.waitForSelector('.search-result', { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('#search-status')?.textContent?.includes('“Huawei”'));
    },
  },
  { name: '404', path: '/no-such-page/', status: 404 },
  { name: 'feeds', path: paths.feeds() },
  { name: 'weekly digest index', path: paths.digest() },
  { name: 'weekly digest week', path: paths.digestWeek('2024-W47') },
  { name: 'author', path: paths.author('mei-lin') },
  { name: 'authors index', path: paths.authors() },
  // Only the fixture has an article with hostile and Markdown-heavy markup and a topic long
  // enough to paginate (newer and older links).
  { name: 'hostile-markup article', path: paths.article('hostile-markup'), site: 'fixture' },
  { name: 'Markdown-heavy article', path: paths.article('no-summary-markdown'), site: 'fixture' },
  { name: 'topic page 2', path: paths.topic(FILLER_TOPIC, 2), site: 'fixture' },
  { name: 'author page 2', path: paths.author(FILLER_AUTHOR, 2), site: 'fixture' },
];

const VIEWS = [
  { scheme: 'light', width: 1280, height: 800 },
  { scheme: 'dark', width: 1280, height: 800 },
  { scheme: 'light', width: 375, height: 812 },
  { scheme: 'dark', width: 375, height: 812 },
] as const;

const run = chromiumAvailable();

describe.runIf(run)('accessibility (axe-core in Chromium)', () => {
  const sessions: Partial<Record<'dist' | 'fixture', Session>> = {};
  beforeAll(async () => {
    sessions.dist = await openSite();
    sessions.fixture = await openSite(fixtureDist);
  });
  afterAll(async () => {
    await sessions.dist?.close();
    await sessions.fixture?.close();
  });

  async function audit(view: (typeof VIEWS)[number], target: Target): Promise<string[]> {
    const session = sessions[target.site ?? 'dist']!;
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: view.width, height: view.height });
      await page.emulateMedia({ colorScheme: view.scheme });
      const response = await page.goto(`${session.origin}${url(target.path)}`);
      await target.ready?.(page);
      const problems: string[] = [];
      // The page audited is the page meant, not the 404 page standing in for a wrong address.
      if (response?.status() !== (target.status ?? 200)) problems.push(`${target.name}: HTTP ${response?.status()} for ${target.path}`);
      // The colour scheme really applies (the body's background is dark only in dark mode).
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const channels = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      const dark = channels.reduce((sum, c) => sum + c, 0) < 3 * 128;
      if (dark !== (view.scheme === 'dark')) problems.push(`${target.name}: background ${background} in ${view.scheme} mode`);
      // Evaluated through the DevTools protocol, not added as a <script>: the page's
      // Content-Security-Policy forbids inline scripts and stays in force during the audit.
      await page.evaluate(axeSource);
      const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
      for (const violation of results.violations) {
        const nodes = violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''}`);
        problems.push(`${target.name}: ${violation.id} [${violation.impact}] ${violation.help}: ${nodes.join('; ')}`);
      }
      if (view.width < 500) {
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        if (scrollWidth > clientWidth) problems.push(`${target.name}: scrolls sideways (${scrollWidth} px wide in a ${clientWidth} px window)`);
      }
      return problems;
    } finally {
      await page.close();
    }
  }

  it.each(VIEWS)('has no violations in $scheme mode, $width px wide', async (view) => {
    const problems = (await Promise.all(PAGES.map((target) => audit(view, target)))).flat();
    expect(problems).toEqual([]);
  });
});
