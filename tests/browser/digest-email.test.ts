/**
 * The weekly digest's email edition in real Chromium: at 600 px (a desktop mail client's reading
 * pane) and at 375 px (a phone) nothing scrolls sideways and the column keeps to the window, at
 * most 600 px wide; axe-core's WCAG A and AA rules pass (contrast, link names, language).
 * The largest week's edition of the fixture is the one most likely to overflow.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults } from 'axe-core';
import { chromiumAvailable, openSite, type Session } from '../helpers/browser.ts';
import { fixtureDist } from '../helpers/paths.ts';
import { paths, url } from '../../src/lib/urls.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The seed's week, and the fixture's largest edition. */
function editions(): string[] {
  const weeks = readdirSync(join(fixtureDist, 'digest')).filter((name) => /^\d{4}-W\d{2}$/.test(name));
  const size = (week: string) => statSync(join(fixtureDist, paths.digestEmailHtml(week))).size;
  const largest = weeks.reduce((a, b) => (size(b) > size(a) ? b : a));
  return [...new Set(['2024-W47', largest])].map(paths.digestEmailHtml);
}

const run = chromiumAvailable();

describe.runIf(run)('the email edition in Chromium', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSite(fixtureDist);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each([600, 375])('fits a %i px window without scrolling sideways and passes axe', async (width) => {
    const problems: string[] = [];
    for (const path of editions()) {
      const page = await session.context.newPage();
      try {
        await page.setViewportSize({ width, height: 800 });
        const response = await page.goto(`${session.origin}${url(path)}`);
        if (response?.status() !== 200) problems.push(`${path}: HTTP ${response?.status()}`);
        const layout = await page.evaluate(() => {
          const column = document.querySelector('table table') as HTMLElement | null;
          return {
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
            column: column?.getBoundingClientRect().width ?? 0,
            widest: Math.max(...[...document.body.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)),
          };
        });
        if (layout.scrollWidth > layout.clientWidth) problems.push(`${path}: scrolls sideways (${layout.scrollWidth} px wide in a ${layout.clientWidth} px window)`);
        if (layout.widest > layout.clientWidth) problems.push(`${path}: an element reaches ${layout.widest} px in a ${layout.clientWidth} px window`);
        if (layout.column > 600 || layout.column < Math.min(600, width) - 40) problems.push(`${path}: the column is ${layout.column} px wide`);
        await page.evaluate(axeSource);
        const results = await page.evaluate(() =>
          (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] }),
        );
        for (const violation of results.violations) problems.push(`${path}: ${violation.id} ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join('; ')}`);
      } finally {
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  });
});
