/**
 * The weekly digest of the built sites, checked against content/: each published article on
 * exactly one week's page (its ISO week, reckoned here by Python's date.isocalendar(), not by the
 * site's code) and in that week's email edition; the email edition as email clients need it;
 * the digest feeds read by feedparser and feedsmith, one item per finished week.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonFeed, parseRssFeed } from 'feedsmith';
import { HtmlValidate } from 'html-validate';
import { parseHTML } from 'linkedom';
import { readContentArticles, readFrontmatter, type ContentArticle } from '../../src/lib/content-files.ts';
import { readPagefindPages } from '../../scripts/lib/pagefind-index.ts';
import { site } from '../../src/lib/site.ts';
import { absoluteUrl, paths, url } from '../../src/lib/urls.ts';
import { feedChain, htmlFiles, nextUrlPath, readPage, sitemapPartFiles } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';
import { feedparser, hasFeedparser, hasPython, PYTHON } from '../helpers/python.ts';


/** Each day's ISO week as "2024-W47", by Python's calendar. */
function isoWeeks(days: string[]): Map<string, string> {
  const script = 'import sys,json,datetime\nd=[datetime.date.fromisoformat(x).isocalendar() for x in sys.argv[1:]]\nprint(json.dumps(["%04d-W%02d" % (c[0], c[1]) for c in d]))';
  const unique = [...new Set(days)];
  const keys: string[] = JSON.parse(execFileSync(PYTHON, ['-c', script, ...unique], { encoding: 'utf8' }));
  return new Map(unique.map((day, index) => [day, keys[index]]));
}

/** The Sunday ending an ISO week, as YYYY-MM-DD, by Python's calendar. */
function sundays(weeks: string[]): Map<string, string> {
  const script = 'import sys,json,datetime\nprint(json.dumps([datetime.date.fromisocalendar(int(w[:4]), int(w[6:]), 7).isoformat() for w in sys.argv[1:]]))';
  const days: string[] = JSON.parse(execFileSync(PYTHON, ['-c', script, ...weeks], { encoding: 'utf8' }));
  return new Map(weeks.map((week, index) => [week, days[index]]));
}

type ParsedFeed = { bozo: boolean; bozo_exception: string; version: string; entries: { link: string; title: string; content: string }[] };
const readFeeds = (files: string[]) => feedparser<ParsedFeed>(files);

const sites = [
  { name: 'site (content/)', contentDir: `${root}content`, distDir: siteDist },
  { name: 'fixture', contentDir: fixtureContent, distDir: fixtureDist },
];

describe.runIf(hasPython).each(sites)('$name', ({ contentDir, distDir }) => {
  const published = readContentArticles(contentDir).filter((article) => !article.draft);
  const drafts = readContentArticles(contentDir).filter((article) => article.draft);
  const weekOf = isoWeeks(published.map((article) => article.date));
  const byWeek = new Map<string, ContentArticle[]>();
  for (const article of published) {
    const week = weekOf.get(article.date)!;
    byWeek.set(week, [...(byWeek.get(week) ?? []), article]);
  }
  const weeks = [...byWeek.keys()].sort().reverse();
  const builtWeeks = readdirSync(join(distDir, 'digest')).filter((name) => /^\d{4}-W\d{2}$/.test(name));
  const read = (path: string) => readFileSync(join(distDir, path), 'utf8');
  const mainLinks = (path: string) => [...readPage(distDir, path).querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')!);

  it('has a page, an HTML and a text email edition for exactly the weeks with a published article', () => {
    expect(builtWeeks.sort().reverse()).toEqual(weeks);
    for (const week of weeks) {
      for (const path of [`${paths.digestWeek(week)}index.html`, paths.digestEmailHtml(week), paths.digestEmailText(week)]) {
        expect(existsSync(join(distDir, path)), path).toBe(true);
      }
    }
  });

  it('lists every published article on exactly one week’s page, its own, and in that week’s email edition', () => {
    const listedOn = new Map<string, string[]>();
    for (const week of builtWeeks) {
      for (const href of mainLinks(paths.digestWeek(week))) {
        if (href.startsWith(url('/articles/'))) listedOn.set(href, [...(listedOn.get(href) ?? []), week]);
      }
    }
    for (const article of published) {
      const week = weekOf.get(article.date)!;
      expect(listedOn.get(url(paths.article(article.slug))), article.file).toEqual([week]);
      const html = parseHTML(read(paths.digestEmailHtml(week))).document;
      const emailLinks = [...html.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
      expect(emailLinks, article.file).toContain(absoluteUrl(paths.article(article.slug)));
      const text = read(paths.digestEmailText(week));
      expect(text.split('\n'), article.file).toContain(absoluteUrl(paths.article(article.slug)));
      expect(text.replace(/\s+/g, ' '), article.file).toContain(article.title);
    }
    for (const draft of drafts) expect(listedOn.has(url(paths.article(draft.slug))), draft.file).toBe(false);
  });

  it('shows each week’s articles under their first topic and counts them on the index, newest week first', () => {
    const index = readPage(distDir, paths.digest());
    const items = [...index.querySelectorAll('main li')];
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(weeks.map((week) => url(paths.digestWeek(week))));
    items.forEach((li, n) => {
      const count = byWeek.get(weeks[n])!.length;
      expect(li.textContent, weeks[n]).toContain(`(${count} article${count === 1 ? '' : 's'})`);
    });
    for (const week of weeks.slice(0, 5)) {
      const page = readPage(distDir, paths.digestWeek(week));
      for (const section of page.querySelectorAll('main section')) {
        const topic = section.querySelector('h2 a')!.getAttribute('href')!.split('/').at(-2)!;
        for (const link of section.querySelectorAll('.article-item-title a')) {
          const article = published.find((a) => url(paths.article(a.slug)) === link.getAttribute('href'))!;
          expect(article.topics[0], `${week}: ${article.file}`).toBe(topic);
        }
      }
      expect(page.querySelector('.lede')?.textContent).toMatch(new RegExp(`^${byWeek.get(week)!.length} stor(y|ies) this week`));
    }
  });

  it('links each week page to the weeks before and after it', () => {
    weeks.forEach((week, n) => {
      const links = mainLinks(paths.digestWeek(week));
      if (n > 0) expect(links, week).toContain(url(paths.digestWeek(weeks[n - 1])));
      if (n < weeks.length - 1) expect(links, week).toContain(url(paths.digestWeek(weeks[n + 1])));
    });
  });

  it('writes email editions that email clients render: no script or stylesheet, inline styles only, absolute links, under 102 KB', async () => {
    // The recommended rules, less three that email needs broken: styles inline (clients drop
    // <style>), Outlook's conditional comments, and role="presentation" (older screen readers
    // know it, not its synonym role="none").
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'no-conditional-comment': 'off', 'presentation-role-style': 'off' },
    });
    for (const week of weeks) {
      const path = paths.digestEmailHtml(week);
      const html = read(path);
      expect(Buffer.byteLength(html), path).toBeLessThan(102 * 1024);
      const { document } = parseHTML(html);
      expect(document.querySelectorAll('script, style, link, iframe, form').length, path).toBe(0);
      expect(html, path).not.toMatch(/@font-face|@import|fonts\.googleapis/i);
      expect(document.querySelectorAll('[class]').length, path).toBe(0);
      const hrefs = [...document.querySelectorAll('[href]')].map((el) => el.getAttribute('href')!);
      expect(hrefs.length, path).toBeGreaterThan(byWeek.get(week)!.length);
      for (const href of hrefs) expect(href, path).toMatch(/^https?:\/\//);
      for (const img of document.querySelectorAll('img')) expect(img.getAttribute('src'), path).toMatch(/^https?:\/\//);
      // Text is styled inline: every heading, paragraph and link carries its own style.
      for (const el of document.querySelectorAll('body h1, body h2, body h3, body p, body a')) expect(el.getAttribute('style'), `${path}: <${el.tagName}>`).toBeTruthy();
      expect(hrefs, path).toContain(absoluteUrl(paths.digestWeek(week)));
      expect(hrefs, path).toContain(absoluteUrl(paths.digestRss()));
      const report = await validator.validateString(html, path);
      expect(report.results.flatMap((result) => result.messages.map((m) => `${path}:${m.line}: ${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });

  it('writes text twins wrapped at 72 columns that list every link in full', () => {
    for (const week of weeks) {
      const path = paths.digestEmailText(week);
      const text = read(path);
      for (const line of text.split('\n')) if (line.length > 72) expect(line, path).toMatch(/^\(?https?:\/\/\S+$/);
      const htmlLinks = [...parseHTML(read(paths.digestEmailHtml(week))).document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
      for (const href of htmlLinks) expect(text, `${path}: ${href}`).toContain(href);
    }
  });

  it('keeps the email editions out of the sitemap and the search index, and the week pages in the sitemap', () => {
    const locs = sitemapPartFiles(distDir).flatMap((part) => [...read(part).matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]));
    for (const week of weeks) {
      expect(locs).toContain(absoluteUrl(paths.digestWeek(week)));
      expect(locs).not.toContain(absoluteUrl(paths.digestEmailHtml(week)));
      expect(locs).not.toContain(absoluteUrl(paths.digestEmailText(week)));
    }
    expect(locs).toContain(absoluteUrl(paths.digest()));
    expect(readPagefindPages(distDir).filter((page) => page.url.includes('/digest/'))).toEqual([]);
    for (const page of htmlFiles(distDir).filter((name) => name.startsWith('digest/'))) {
      expect(read(page), page).not.toContain('data-pagefind-body');
    }
  });

  it('links the digest from the footer of every page, from /feeds/ and the archive, and announces its feed in every head', () => {
    for (const page of htmlFiles(distDir)) {
      const { document } = parseHTML(read(page));
      expect(document.querySelector(`footer a[href="${url(paths.digest())}"]`), page).toBeTruthy();
      expect(document.querySelector(`head link[rel="alternate"][type="application/rss+xml"][href="${absoluteUrl(paths.digestRss())}"]`), page).toBeTruthy();
    }
    expect(mainLinks(paths.feeds())).toEqual(expect.arrayContaining([url(paths.digestRss()), url(paths.digestJsonFeed())]));
    expect(mainLinks(paths.archive())).toContain(url(paths.digest()));
  });

  describe('digest feeds', () => {
    // A week is finished once an article is dated after its Sunday, or when its introduction says ready: true.
    const newest = published.map((article) => article.date).sort().at(-1)!;
    const ends = sundays(weeks);
    const ready = (week: string) => {
      const file = join(contentDir, 'digests', `${week}.md`);
      return existsSync(file) && readFrontmatter(readFileSync(file, 'utf8')).ready === true;
    };
    const finished = weeks.filter((week) => ends.get(week)! < newest || ready(week));
    const weekUrls = finished.map((week) => absoluteUrl(paths.digestWeek(week)));
    const rssDocuments = feedChain(distDir, paths.digestRss());
    const jsonDocuments = feedChain(distDir, paths.digestJsonFeed(), nextUrlPath);

    // The subscription document holds the newest weeks; each closed month's archive holds all of
    // that month's weeks, so a week may be in both, but in one archive at most.
    const check = (documents: string[][]) => {
      const [subscription, ...archives] = documents;
      expect(subscription, 'the subscription document').toEqual(weekUrls.slice(0, subscription.length));
      expect(subscription.length).toBeGreaterThanOrEqual(Math.min(site.feedItems, finished.length));
      const archived = archives.flat();
      expect(new Set(archived).size, 'a week in two archives').toBe(archived.length);
      expect([...new Set([...subscription, ...archived])]).toEqual(weekUrls);
    };

    it('hold one item per finished week, newest first, across the subscription document and its monthly archives', () => {
      if (distDir === fixtureDist) {
        expect(finished.length).toBeGreaterThan(site.feedItems);
        expect(rssDocuments.length).toBeGreaterThan(1);
      }
      check(rssDocuments.map((path) => (parseRssFeed(read(path)).items ?? []).map((item) => item.link ?? '')));
      check(jsonDocuments.map((path) => (parseJsonFeed(read(path)).items ?? []).map((item) => item.url ?? '')));
      for (const archive of rssDocuments.slice(1)) expect(archive, archive).toMatch(/^\/digest\/archive\/\d{4}\/\d{2}\/rss\.xml$/);
    });

    it.runIf(hasFeedparser)('parse with feedparser, each item the week’s digest with every article linked', () => {
      const parsed = readFeeds(rssDocuments.map((path) => join(distDir, path)));
      const documents = rssDocuments.map((path) => {
        const result = parsed[join(distDir, path)];
        expect(result.bozo, `${path}: ${result.bozo_exception}`).toBe(false);
        expect(result.version).toBe('rss20');
        return result.entries;
      });
      check(documents.map((entries) => entries.map((entry) => entry.link)));
      for (const entry of documents.flat()) {
        const week = finished[weekUrls.indexOf(entry.link)];
        for (const article of byWeek.get(week)!) expect(entry.content, entry.link).toContain(absoluteUrl(paths.article(article.slug)));
      }
    });
  });
});

describe.runIf(hasPython)('the seed', () => {
  it('has its ten articles in 2024-W47, on its page and in its email edition', () => {
    const seed = readContentArticles(`${root}content`).filter((article) => !article.draft);
    expect(seed).toHaveLength(10);
    expect([...new Set(isoWeeks(seed.map((article) => article.date)).values())]).toEqual(['2024-W47']);
    const links = [...readPage(siteDist, paths.digestWeek('2024-W47')).querySelectorAll('main .article-item-title a')].map((a) => a.getAttribute('href'));
    expect([...links].sort()).toEqual(seed.map((article) => url(paths.article(article.slug))).sort());
    const text = readFileSync(join(siteDist, paths.digestEmailText('2024-W47')), 'utf8');
    for (const article of seed) expect(text.split('\n')).toContain(absoluteUrl(paths.article(article.slug)));
  });
});

describe('npm run digest', () => {
  const digest = (week: string) => {
    try {
      const stdout = execFileSync(process.execPath, ['scripts/digest.ts', week], { cwd: root, encoding: 'utf8', env: { ...process.env, OUT_DIR: fixtureDist }, stdio: 'pipe' });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { code: failed.status, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('prints the paths of a week’s edition files, the HTML first', () => {
    const { code, stdout } = digest('2024-W47');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([join(fixtureDist, paths.digestEmailHtml('2024-W47')), join(fixtureDist, paths.digestEmailText('2024-W47'))]);
  });

  it('says why for a week written wrongly, one that does not exist or one without articles', () => {
    expect(digest('2024-w47')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('write it as YYYY-Www') });
    expect(digest('2021-W53')).toMatchObject({ code: 1, stderr: expect.stringContaining('2021-W53 does not exist') });
    expect(digest('2030-W10')).toMatchObject({ code: 1, stderr: expect.stringContaining('2030-W10 has no edition') });
  });
});
