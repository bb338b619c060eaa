/**
 * Entity pages, the archive and article navigation in the built sites. The expected entities
 * of each article are recomputed from the visible text of its built page with the entity list
 * and the frontmatter corrections, and every entity page must list exactly those articles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readContentArticles, readFrontmatter } from '../../src/lib/content-files.ts';
import { readEntitiesFile } from '../../src/lib/content-schema.ts';
import { entityMatcher, resolveEntities, type EntityDef } from '../../src/lib/entities.ts';
import { htmlToText } from '../../src/lib/text.ts';
import { paths, url } from '../../src/lib/urls.ts';
import { pageExists, readPage } from '../helpers/dist.ts';
import { fixtureContent, fixtureDist, root, siteDist } from '../helpers/paths.ts';

const sites = [
  { name: 'site (content/)', contentDir: `${root}content`, distDir: siteDist },
  { name: 'fixture', contentDir: fixtureContent, distDir: fixtureDist },
];

describe.each(sites)('$name', ({ contentDir, distDir }) => {
  const entities: EntityDef[] = readEntitiesFile(join(contentDir, 'entities.yaml')).map((e) => ({ slug: e.id, kind: e.kind, name: e.name, aliases: e.aliases }));
  const matcher = entityMatcher(entities);
  const published = readContentArticles(contentDir).filter((a) => !a.draft);
  const expected = new Map<string, string[]>(
    published.map((article) => {
      const page = readPage(distDir, paths.article(article.slug));
      const text = `${article.title}\n${htmlToText(page.querySelector('.article-body')?.innerHTML ?? '')}`;
      const data = readFrontmatter(readFileSync(join(root, article.file), 'utf8')) as { entities?: { add?: string[]; remove?: string[] } };
      return [article.slug, resolveEntities(matcher.find(text), data.entities?.add, data.entities?.remove)];
    }),
  );

  function listed(slug: string, base: (n: number) => string): string[] {
    const links: string[] = [];
    for (let n = 1; pageExists(distDir, base(n)); n += 1) {
      links.push(...[...readPage(distDir, base(n)).querySelectorAll('main .article-list h2 a')].map((a) => a.getAttribute('href') ?? ''));
    }
    return links;
  }

  it('lists on every entity page exactly the articles that name it', () => {
    for (const entity of entities) {
      const want = published.filter((a) => expected.get(a.slug)!.includes(entity.slug)).map((a) => url(paths.article(a.slug)));
      expect(listed(entity.slug, (n) => paths.entity(entity.slug, n)).sort(), entity.slug).toEqual(want.sort());
    }
  });

  it('links each article to its entities', () => {
    for (const article of published) {
      const page = readPage(distDir, paths.article(article.slug));
      const links = [...page.querySelectorAll('.entity-links a')].map((a) => a.getAttribute('href'));
      expect(links.sort(), article.file).toEqual(expected.get(article.slug)!.map((slug) => url(paths.entity(slug))).sort());
    }
  });

  it.runIf(contentDir === `${root}content`)('keeps on every seed article the entities it names', () => {
    const seeds: Record<string, string[]> = YAML.parse(readFileSync(join(root, 'tests/fixtures/entity-labels/seed-entities.yaml'), 'utf8'));
    for (const [slug, want] of Object.entries(seeds)) {
      const links = [...readPage(distDir, paths.article(slug)).querySelectorAll('.entity-links a')].map((a) => a.getAttribute('href'));
      expect(links, slug).toEqual(expect.arrayContaining(want.map((entity) => url(paths.entity(entity)))));
    }
  });

  it('groups the entity index by kind with counts', () => {
    const index = readPage(distDir, paths.entities());
    const headings = [...index.querySelectorAll('main h2')].map((h) => h.textContent);
    expect(headings).toEqual(['Organisations', 'People', 'Countries']);
    for (const entity of entities) {
      const item = [...index.querySelectorAll('.entity-index li')].find((li) => li.querySelector('a')?.getAttribute('href') === url(paths.entity(entity.slug)));
      const count = [...expected.values()].filter((list) => list.includes(entity.slug)).length;
      expect(item?.textContent, entity.slug).toContain(`(${count})`);
    }
  });

  it('counts every published article once in the archive, by month', () => {
    const index = readPage(distDir, paths.archive());
    const counts = [...index.querySelectorAll('.archive-months li')].map((li) => Number(/\((\d+)\)/.exec(li.textContent ?? '')?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(published.length);
    const months = new Map<string, number>();
    for (const article of published) months.set(article.date.slice(0, 7), (months.get(article.date.slice(0, 7)) ?? 0) + 1);
    for (const [month, count] of months) {
      const [year, mm] = month.split('-').map(Number);
      const page = readPage(distDir, paths.archiveMonth(year, mm));
      expect(page.querySelectorAll('.archive-list li').length, month).toBe(count);
    }
    const footer = readPage(distDir, paths.home()).querySelector('footer a[href="' + url(paths.archive()) + '"]');
    expect(footer).toBeTruthy();
  });

  it('links articles to the older and newer article in date order', () => {
    const order = [...published].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'en'));
    order.forEach((article, index) => {
      const page = readPage(distDir, paths.article(article.slug));
      const older = order[index + 1];
      const newer = order[index - 1];
      expect(page.querySelector('.article-nav a[rel="prev"]')?.getAttribute('href'), article.file).toBe(older ? url(paths.article(older.slug)) : undefined);
      expect(page.querySelector('.article-nav a[rel="next"]')?.getAttribute('href'), article.file).toBe(newer ? url(paths.article(newer.slug)) : undefined);
    });
  });

  it('shows related articles that are never the article itself, wherever an entity is shared', () => {
    const pages = published.map((article) => ({ article, page: readPage(distDir, paths.article(article.slug)) }));
    const namedBy = new Map<string, number>();
    const entityLinks = (page: (typeof pages)[number]['page']) => [...page.querySelectorAll('.article-entities a')].map((a) => a.getAttribute('href'));
    for (const { page } of pages) for (const href of entityLinks(page)) namedBy.set(href!, (namedBy.get(href!) ?? 0) + 1);
    for (const { article, page } of pages) {
      const links = [...page.querySelectorAll('.related a')].map((a) => a.getAttribute('href'));
      expect(links, article.file).not.toContain(url(paths.article(article.slug)));
      expect(new Set(links).size).toBe(links.length);
      // An article naming an entity that another article names shares content with it.
      if (entityLinks(page).some((href) => namedBy.get(href!)! > 1)) expect(links.length, article.file).toBeGreaterThan(0);
    }
  });
});
