/**
 * The audit must catch every way an article can be lost: each case breaks a copy of the fixture
 * build in one way and expects the audit to name the problem.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { AUDIT_GO, AUDIT_WAITING, auditSite, PAGE_AUDIT_PREFIX } from '../../scripts/audit.ts';
import { readContentArticles } from '../../src/lib/content-files.ts';
import { absoluteUrl, paths } from '../../src/lib/urls.ts';
import { SITEMAP_NAMESPACE, SITEMAP_URL_LIMIT } from '../../src/lib/sitemap-protocol.ts';
import { prevArchivePath, sitemapPartFiles } from '../helpers/dist.ts';
import { FILLER_AUTHOR, fixtureContent, fixtureDist, root } from '../helpers/paths.ts';

const SLUG = 'huawei-aims-to-mass-produce-advanced-ai-chip-by-2025';
const FILE = `articles/${SLUG}`;
const copies: string[] = [];

function brokenCopy(breakIt: (dist: string) => void): string[] {
  const dist = mkdtempSync(join(tmpdir(), 'audit-'));
  copies.push(dist);
  cpSync(fixtureDist, dist, { recursive: true });
  breakIt(dist);
  return auditSite({ contentDir: fixtureContent, distDir: dist });
}

/** The site path of the fixture build's sitemap part that lists an article. */
function sitemapPartOf(slug: string): string {
  const loc = `<loc>${absoluteUrl(paths.article(slug))}</loc>`;
  const part = sitemapPartFiles(fixtureDist).find((path) => readFileSync(join(fixtureDist, path), 'utf8').includes(loc));
  if (!part) throw new Error(`no sitemap part of the fixture build lists ${slug}`);
  return part;
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('auditSite', () => {
  it('passes the intact fixture build', () => {
    expect(auditSite({ contentDir: fixtureContent, distDir: fixtureDist })).toEqual([]);
  });

  it('names an article whose page is missing', () => {
    const problems = brokenCopy((dist) => rmSync(join(dist, FILE), { recursive: true }));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: no page at /articles/${SLUG}/`)));
  });

  it('names an article missing from a topic page, a feed, a topic feed and the sitemap', () => {
    const problems = brokenCopy((dist) => {
      const strip = (text: string) => text.replaceAll(`/articles/${SLUG}/`, '/articles/gone/');
      edit(join(dist, 'topics/chips/index.html'), strip);
      edit(join(dist, 'rss.xml'), strip);
      edit(join(dist, 'topics/ai/rss.xml'), strip);
      edit(join(dist, sitemapPartOf(SLUG)), strip);
    });
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: not listed on the "chips" topic pages`));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /rss.xml`));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /topics/ai/rss.xml`));
    expect(problems).toContainEqual(expect.stringMatching(/sitemap\.xml: missing .*huawei-aims/));
  });

  it('names a sitemap part that is missing, too large, elsewhere or not in the index, and an index that is not one', () => {
    const part = sitemapPartOf(SLUG);
    const other = sitemapPartFiles(fixtureDist).find((path) => path !== part)!;
    const stray = paths.sitemapPart('stray');
    const tooMany = SITEMAP_URL_LIMIT + 1;
    const problems = brokenCopy((dist) => {
      rmSync(join(dist, part));
      const urls = Array.from({ length: tooMany }, (_, i) => `<url><loc>${absoluteUrl(`/n/${i}/`)}</loc></url>`).join('\n');
      writeFileSync(join(dist, other), `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}">\n${urls}\n</urlset>\n`);
      writeFileSync(join(dist, stray), `<urlset xmlns="${SITEMAP_NAMESPACE}"></urlset>`);
    });
    expect(problems).toContainEqual(`/sitemap.xml: lists the sitemap ${part}, which is missing`);
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^/sitemap\\.xml: missing .*/articles/${SLUG}/$`)));
    expect(problems).toContainEqual(`${other}: lists ${tooMany} URLs; a sitemap may hold ${SITEMAP_URL_LIMIT}`);
    expect(problems).toContainEqual(`${stray}: a sitemap that /sitemap.xml does not list`);

    // A part in a folder may only list URLs under that folder, so it cannot hold the articles.
    const nested = brokenCopy((dist) => edit(join(dist, paths.sitemap()), (text) => text.replace(absoluteUrl(part), absoluteUrl(`/parts${part}`))));
    expect(nested).toContainEqual(`/sitemap.xml: lists the sitemap ${absoluteUrl(`/parts${part}`)}, which is not beside it, so it may not list the site's pages`);
    expect(nested).toContainEqual(`${part}: a sitemap that /sitemap.xml does not list`);

    const flat = brokenCopy((dist) => writeFileSync(join(dist, paths.sitemap()), readFileSync(join(dist, part), 'utf8')));
    expect(flat).toContainEqual('/sitemap.xml: not a sitemap index (<sitemapindex> in the sitemaps.org namespace)');
  });

  describe('feeds and their archives', () => {
    // The fixture's newest month is the seed's; its filler articles fill the archives of 2023.
    const filler = readContentArticles(fixtureContent).find((article) => article.slug.startsWith('filler-') && !article.draft)!;
    const [year, month] = filler.date.split('-').map(Number);
    const archive = paths.rssArchive(year, month);
    const fillerUrl = absoluteUrl(paths.article(filler.slug));
    const gone = absoluteUrl('/articles/gone/');
    const older = (xml: string) => prevArchivePath(xml)!;

    it('names an article missing from its month’s archive, and an item that is no article', () => {
      const problems = brokenCopy((dist) => edit(join(dist, archive), (text) => text.replaceAll(fillerUrl, gone)));
      expect(problems).toContainEqual(`${filler.file}: missing from ${archive}, the archive of /rss.xml for its month`);
      expect(problems).toContainEqual(`${archive}: lists ${gone}, which is not one of the articles of /rss.xml`);
    });

    it('names an article in the archive of another month, and an item listed twice', () => {
      const other = absoluteUrl(paths.article(SLUG));
      const problems = brokenCopy((dist) => edit(join(dist, archive), (text) => text.replaceAll(fillerUrl, other).replace(/(<item>[\s\S]*?<\/item>)/, '$1$1')));
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${archive}: lists .*/${SLUG}\\.md, which is dated 2024-11-\\d\\d, outside the archive's month$`)));
      expect(problems).toContainEqual(`${archive}: lists an article more than once`);
      expect(problems).toContainEqual(`${filler.file}: missing from ${archive}, the archive of /rss.xml for its month`);
    });

    it('names a missing archive once, with an article that cannot be found', () => {
      const problems = brokenCopy((dist) => rmSync(join(dist, archive)));
      expect(problems.filter((problem) => problem.includes(`links to the archive ${archive}, which is missing`))).toHaveLength(1);
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^/rss\\.xml: its archive links never reach ${archive}, so \\d+ articles? such as .*\\.md cannot be found from it$`)));
    });

    it('names a loop, an archive without its mark and a subscription document marked as an archive', () => {
      const problems = brokenCopy((dist) => {
        const first = older(readFileSync(join(dist, 'rss.xml'), 'utf8'));
        edit(join(dist, first), (xml) => xml.replace(/(<atom:link href=")[^"]*(" rel="prev-archive")/, `$1${absoluteUrl('/rss.xml')}$2`).replace('<fh:archive/>', ''));
        edit(join(dist, 'topics/chips/rss.xml'), (xml) => xml.replace('<language>', '<fh:archive/><language>'));
      });
      expect(problems).toContainEqual(expect.stringMatching(/^\/archive\/\d{4}\/\d{2}\/rss\.xml: its archive link loops back to \/rss\.xml$/));
      expect(problems).toContainEqual(expect.stringMatching(/^\/archive\/\d{4}\/\d{2}\/rss\.xml: an archive of \/rss\.xml without the fh:archive mark$/));
      expect(problems).toContainEqual('/topics/chips/rss.xml: marked as an archive (fh:archive), but it is the feed readers subscribe to');
    });

    it('names archive links that do not lead back to the feed and the newer month', () => {
      const problems = brokenCopy((dist) => {
        const newest = older(readFileSync(join(dist, 'rss.xml'), 'utf8'));
        const second = older(readFileSync(join(dist, newest), 'utf8'));
        edit(join(dist, newest), (xml) => xml.replace(/(<atom:link href=")[^"]*(" rel="current")/, `$1${absoluteUrl('/feed.json')}$2`));
        edit(join(dist, second), (xml) => xml.replace(/<atom:link href="[^"]*" rel="next-archive"[^>]*>/, ''));
      });
      expect(problems).toContainEqual(expect.stringMatching(/^\/archive\/\d{4}\/\d{2}\/rss\.xml: its rel="current" link is .*\/feed\.json, not .*\/rss\.xml$/));
      expect(problems).toContainEqual(expect.stringMatching(/^\/archive\/\d{4}\/\d{2}\/rss\.xml: its rel="next-archive" link is missing, not .*\/archive\/\d{4}\/\d{2}\/rss\.xml$/));
    });

    it('follows the JSON Feed’s next_url and names a draft in an archive', () => {
      const draft = readContentArticles(fixtureContent).find((article) => article.draft)!;
      const problems = brokenCopy((dist) => {
        const file = join(dist, paths.jsonFeedArchive(year, month));
        const json = JSON.parse(readFileSync(file, 'utf8'));
        json.items = json.items.filter((item: { url: string }) => item.url !== fillerUrl);
        json.items.push({ ...json.items[0], url: absoluteUrl(paths.article(draft.slug)) });
        writeFileSync(file, JSON.stringify(json));
      });
      expect(problems).toContainEqual(`${filler.file}: missing from ${paths.jsonFeedArchive(year, month)}, the archive of /feed.json for its month`);
      expect(problems).toContainEqual(`${draft.file}: draft is in ${paths.jsonFeedArchive(year, month)}`);
    });

    it('names a JSON Feed page that is not JSON, and the articles it should hold', () => {
      const page = paths.jsonFeedArchive(year, month);
      const problems = brokenCopy((dist) => writeFileSync(join(dist, page), '{"items": ['));
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${page}: not valid JSON \\(`)));
      expect(problems).toContainEqual(`${filler.file}: missing from ${page}, the archive of /feed.json for its month`);
    });

    it('names a subscription document that is not the newest articles', () => {
      const problems = brokenCopy((dist) => edit(join(dist, 'rss.xml'), (xml) => xml.replace(/<item>[\s\S]*?<\/item>/, '')));
      expect(problems).toContainEqual(expect.stringMatching(/^\/rss\.xml: has \d+ items, not \d+ \(the newest 50, and every article of \d{4}-\d{2}\)$/));
      expect(problems).toContainEqual(expect.stringMatching(/\.md: missing from \/rss\.xml$/));
    });
  });

  describe('reads the built files as a browser, a feed reader and a crawler read them', () => {
    const link = `/articles/${SLUG}/`;
    const absolute = absoluteUrl(paths.article(SLUG));

    it('finds an article linked however the markup is written: quoting, attribute order, character references, CDATA, prefixes', () => {
      const problems = brokenCopy((dist) => {
        edit(join(dist, 'topics/chips/index.html'), (html) => html.replaceAll(`href="${link}"`, `data-kind="article" href='${link.replaceAll('/', '&#x2F;')}'`));
        edit(join(dist, 'rss.xml'), (xml) => xml.replace(/<link>(https:[^<]*\/articles\/[^<]*)<\/link>/g, '<link><![CDATA[$1]]></link>'));
        const archive = prevArchivePath(readFileSync(join(dist, 'rss.xml'), 'utf8'))!;
        edit(join(dist, archive), (xml) => xml.replace('<fh:archive/>', `<history:archive xmlns:history="http://purl.org/syndication/history/1.0"/>`));
        edit(join(dist, 'topics/chips/rss.xml'), (xml) => xml.replace('<language>', '<!-- <fh:archive/> --><language>'));
        edit(join(dist, paths.sitemap()), (xml) => xml.replace('<sitemapindex xmlns=', '<sitemapindex xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns='));
        edit(join(dist, sitemapPartOf(SLUG)), (xml) => xml.replace(`<loc>${absolute}</loc>`, `<loc>${absolute.replaceAll('/', '&#47;')}</loc>`));
      });
      expect(problems).toEqual([]);
    });

    it('counts no link that sits in a comment', () => {
      const problems = brokenCopy((dist) => {
        edit(join(dist, 'topics/chips/index.html'), (html) => html.replaceAll(link, '/articles/gone/').replace('</main>', `<!-- <a href="${link}">kept</a> --></main>`));
        edit(join(dist, 'rss.xml'), (xml) => xml.replaceAll(absolute, absoluteUrl('/articles/gone/')).replace('</channel>', `<!-- <item><link>${absolute}</link></item> --></channel>`));
        const part = sitemapPartOf(SLUG);
        edit(join(dist, part), (xml) => xml.replace(`<url><loc>${absolute}</loc>`, `<!-- <url><loc>${absolute}</loc></url> --><url><loc>${absoluteUrl('/articles/gone/')}</loc>`));
      });
      expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: not listed on the "chips" topic pages`));
      expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /rss.xml`));
      expect(problems).toContainEqual(`/sitemap.xml: missing ${absolute}`);
    });

    it('finds the entity links of an article page whose footer has its attributes in another order', () => {
      const problems = brokenCopy((dist) => {
        edit(join(dist, FILE, 'index.html'), (html) => html.replace('<footer class="article-entities" data-pagefind-ignore>', '<footer data-pagefind-ignore class="small article-entities">'));
        edit(join(dist, 'entities/smic/index.html'), (html) => html.replaceAll(link, '/articles/gone/'));
      });
      expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: names entity "smic" but is not listed on its pages`));
    });

    it('names a feed document that is no feed, and an item without a link', () => {
      const first = prevArchivePath(readFileSync(join(fixtureDist, 'rss.xml'), 'utf8'))!;
      const second = prevArchivePath(readFileSync(join(fixtureDist, first), 'utf8'))!;
      const page = paths.jsonFeedArchive(...(second.match(/(\d{4})\/(\d{2})/)!.slice(1, 3).map(Number) as [number, number]));
      const problems = brokenCopy((dist) => {
        edit(join(dist, first), (xml) => xml.replace(/(<item>[\s\S]*?)<link>[^<]*<\/link>/, '$1'));
        writeFileSync(join(dist, second), '<html><body>Not found</body></html>');
        writeFileSync(join(dist, page), '{"items": []}');
      });
      expect(problems).toContainEqual(`${first}: has an item without a link`);
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${second}: not an RSS feed \\(`)));
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${page}: not a JSON Feed \\(`)));
    });
  });

  it('names an article missing from its author’s pages, feed and feed archive, and a missing author page', () => {
    const archived = readContentArticles(fixtureContent).find((article) => article.authors.includes(FILLER_AUTHOR) && article.date.startsWith('2023-01'))!;
    const archive = paths.authorRssArchive(FILLER_AUTHOR, 2023, 1);
    const problems = brokenCopy((dist) => {
      const strip = (text: string) => text.replaceAll(`/articles/${SLUG}/`, '/articles/gone/');
      edit(join(dist, 'authors/mei-lin/index.html'), strip);
      edit(join(dist, 'authors/mei-lin/rss.xml'), strip);
      edit(join(dist, archive), (text) => text.replaceAll(`/articles/${archived.slug}/`, '/articles/gone/'));
      rmSync(join(dist, 'authors/daniel-okafor/index.html'));
    });
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: not listed on the pages of its author "mei-lin"`));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /authors/mei-lin/rss.xml`));
    expect(problems).toContainEqual(expect.stringContaining(`${archived.slug}.md: missing from ${archive}, the archive of ${paths.authorRss(FILLER_AUTHOR)}`));
    expect(problems).toContainEqual('dist: /authors/daniel-okafor/, the page of the author "daniel-okafor", is missing');
  });

  it('names an author page listing an article that does not name them', () => {
    const problems = brokenCopy((dist) => {
      edit(join(dist, 'authors/daniel-okafor/index.html'), (text) => text.replace('</main>', `<a href="/articles/${SLUG}/">x</a></main>`));
    });
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^author "daniel-okafor": lists .*${SLUG}\\.md, which does not name them$`)));
  });

  it('names a news sitemap that misses a recent article or lists an old one, and one that is gone', () => {
    const old = readContentArticles(fixtureContent).find((article) => !article.draft && article.date < '2024-01-01')!;
    const newsPath = paths.newsSitemap();
    const problems = brokenCopy((dist) =>
      edit(join(dist, newsPath), (text) => text.replace(`/articles/${SLUG}/`, `/articles/${old.slug}/`)),
    );
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from ${newsPath}`));
    expect(problems).toContainEqual(`${newsPath}: lists ${absoluteUrl(paths.article(old.slug))}, which is not an article of the newest 2 days`);
    // The regular sitemap parts still hold each article once.
    expect(problems.filter((problem) => problem.includes('twice'))).toEqual([]);
    const gone = brokenCopy((dist) => {
      rmSync(join(dist, newsPath));
      edit(join(dist, paths.sitemap()), (text) => text.replace(/<sitemap><loc>[^<]*sitemap-news\.xml<\/loc>(<lastmod>[^<]*<\/lastmod>)?<\/sitemap>\n?/, ''));
    });
    expect(gone).toContain(`dist: ${newsPath} is missing`);
  });

  it('names an article missing from an entity page it is named on', () => {
    const problems = brokenCopy((dist) => edit(join(dist, 'entities/smic/index.html'), (t) => t.replaceAll(`/articles/${SLUG}/`, '/articles/gone/')));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: names entity "smic" but is not listed on its pages`));
  });

  it('names an article missing from its week’s digest page or email edition, and a digest listing another week’s article', () => {
    const week = '2024-W47';
    const filler = readContentArticles(fixtureContent).find((article) => article.slug.startsWith('filler-') && !article.draft)!;
    const problems = brokenCopy((dist) => {
      edit(join(dist, paths.digestWeek(week), 'index.html'), (text) => text.replaceAll(`/articles/${SLUG}/`, `/articles/${filler.slug}/`));
      edit(join(dist, paths.digestEmailHtml(week)), (text) => text.replaceAll(`/articles/${SLUG}/`, '/articles/gone/'));
      edit(join(dist, paths.digestEmailText(week)), (text) => text.replaceAll(`/articles/${SLUG}/`, '/articles/gone/'));
    });
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: missing from /digest/${week}/, the digest of its week$`)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: missing from /digest/${week}/email\\.html, the email edition of its week$`)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: missing from /digest/${week}/email\\.txt, the email edition of its week$`)));
    expect(problems).toContainEqual(`/digest/${week}/: lists ${filler.file}, which is dated ${filler.date}, outside the week`);

    const gone = brokenCopy((dist) => rmSync(join(dist, paths.digestEmailText(week))));
    expect(gone).toContainEqual(expect.stringMatching(new RegExp(`^dist: /digest/${week}/email\\.txt is missing, the digest of \\d+ articles such as .*\\.md$`)));
  });

  it('names an article without its preview image', () => {
    const problems = brokenCopy((dist) => rmSync(join(dist, `og/${SLUG}.png`)));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: no preview image at /og/${SLUG}.png`));
  });

  /** The fixture's search part folders, and the fragment file of SLUG's page with its part. */
  function searchParts(dist: string): string[] {
    return readdirSync(join(dist, 'pagefind'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  }
  function fragmentOf(dist: string, slug: string): { part: string; file: string } {
    for (const part of searchParts(dist)) {
      const dir = join(dist, 'pagefind', part, 'fragment');
      for (const name of readdirSync(dir)) {
        if (gunzipSync(readFileSync(join(dir, name))).toString().includes(`/articles/${slug}/`)) return { part, file: join(dir, name) };
      }
    }
    throw new Error(`no fragment of the fixture build holds ${slug}`);
  }

  it('names an article missing from the search index', () => {
    const problems = brokenCopy((dist) => rmSync(fragmentOf(dist, SLUG).file));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from the search index`));
  });

  it('names an article indexed twice or in another part, a wrong filter, and a part missing or not merged', () => {
    const article = readContentArticles(fixtureContent).find((each) => each.slug === SLUG)!;
    const year = article.date.slice(0, 4);
    const twice = brokenCopy((dist) => {
      const { part, file } = fragmentOf(dist, SLUG);
      const other = searchParts(dist).find((each) => each !== part)!;
      cpSync(file, join(dist, 'pagefind', other, 'fragment', 'en_copied.pf_fragment'));
    });
    expect(twice).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: in the search index 2 times \\(parts \\d{4}, \\d{4}\\)$`)));

    const filtered = brokenCopy((dist) => {
      const { file } = fragmentOf(dist, SLUG);
      const text = gunzipSync(readFileSync(file)).toString().replace(`"year":["${year}"]`, '"year":["1999"]');
      writeFileSync(file, gzipSync(text));
    });
    expect(filtered).toContainEqual(`${article.file}: search filter year is ["1999"], not ["${year}"]`);

    const parts = brokenCopy((dist) => {
      const { part } = fragmentOf(dist, SLUG);
      rmSync(join(dist, 'pagefind', part), { recursive: true });
      const search = join(dist, 'search/index.html');
      writeFileSync(search, readFileSync(search, 'utf8').replace(/ data-parts="[^"]*"/, ' data-parts="2001"'));
    });
    expect(parts).toContainEqual(expect.stringMatching(new RegExp(`^search index: part ${year} \\(\\d+ articles?\\) is missing from /pagefind/$`)));
    expect(parts).toContainEqual(expect.stringMatching(/^\/search\/: merges search parts "2001", not "\d{4}( \d{4})*"$/));
  });

  it('names a draft or an unknown page that leaked', () => {
    const problems = brokenCopy((dist) => {
      mkdirSync(join(dist, 'articles/draft-secret-merger-plans'));
      writeFileSync(join(dist, 'articles/draft-secret-merger-plans/index.html'), '<p>draft</p>');
      mkdirSync(join(dist, 'articles/stray'));
      writeFileSync(join(dist, 'articles/stray/index.html'), '<p>stray</p>');
    });
    expect(problems).toContainEqual(expect.stringContaining('draft-secret-merger-plans.md: draft was published'));
    expect(problems).toContainEqual(expect.stringContaining('/articles/stray/ has no source'));
  });
});

describe('node scripts/audit.ts --pages (the page audit npm run build runs beside Pagefind)', () => {
  const pageAudit = (dist: string): string[] => {
    const stdout = execFileSync(process.execPath, ['scripts/audit.ts', '--pages', dist], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: fixtureContent },
    });
    const line = stdout.split('\n').find((each) => each.startsWith(PAGE_AUDIT_PREFIX));
    expect(line, stdout).toBeDefined();
    return JSON.parse(line!.slice(PAGE_AUDIT_PREFIX.length)) as string[];
  };

  it('reports no problem for the intact fixture build', () => {
    expect(pageAudit(fixtureDist)).toEqual([]);
  });
  it('reports, as JSON, the problems auditSite names for the pages', () => {
    const dist = mkdtempSync(join(tmpdir(), 'audit-'));
    copies.push(dist);
    cpSync(fixtureDist, dist, { recursive: true });
    rmSync(join(dist, FILE), { recursive: true });
    expect(pageAudit(dist)).toContainEqual(expect.stringMatching(new RegExp(`${SLUG}\\.md: no page at /articles/${SLUG}/`)));
  });
  /** The audit as npm run build starts it: reading content/, then waiting for its standard input. */
  const waitingAudit = () => {
    const child = spawn(process.execPath, ['scripts/audit.ts', '--pages', '--after-stdin', fixtureDist], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: fixtureContent },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const waiting = new Promise<void>((resolve) => {
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes(AUDIT_WAITING)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    return { child, waiting, exited, stdout: () => stdout };
  };

  it('with --after-stdin, audits only once told "go" (npm run build starts it with Astro)', async () => {
    const audit = waitingAudit();
    try {
      // It says it waits (a child that ignored --after-stdin would never say so) and has audited nothing.
      await audit.waiting;
      expect(audit.child.exitCode).toBeNull();
      expect(audit.stdout()).toBe('');
      audit.child.stdin.end(`${AUDIT_GO}\n`);
      expect(await audit.exited).toBe(0);
      expect(audit.stdout().startsWith(PAGE_AUDIT_PREFIX)).toBe(true);
      expect(JSON.parse(audit.stdout().slice(PAGE_AUDIT_PREFIX.length))).toEqual([]);
    } finally {
      audit.child.kill();
    }
  });
  it('with --after-stdin, audits nothing when its input ends without "go" (the build stopped)', async () => {
    const audit = waitingAudit();
    try {
      audit.child.stdin.end();
      expect(await audit.exited).toBe(2);
      expect(audit.stdout()).toBe('');
    } finally {
      audit.child.kill();
    }
  });
});
