/**
 * The list of preview images the integration reads from content/ at the start of a build, and
 * its check against the article pages Astro wrote.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readOgImageJobs } from '../../src/integrations/og-articles.ts';
import { unmatchedPages } from '../../src/integrations/og-images.ts';
import { readOgImageJobsOffThread } from '../../src/integrations/og-generator.ts';
import { site } from '../../src/lib/site.ts';
import { articleSlugFromPath } from '../../src/lib/slug.ts';

const contentDir = mkdtempSync(join(tmpdir(), 'og-articles-'));
afterAll(() => rmSync(contentDir, { recursive: true, force: true }));
mkdirSync(join(contentDir, 'articles', '2024'), { recursive: true });
writeFileSync(
  join(contentDir, 'topics.yaml'),
  '- id: chips\n  name: Chips\n  description: d\n- id: ai\n  name: Artificial intelligence\n  description: d\n',
);
const article = (frontmatter: string) => `---\n${frontmatter}\n---\n\nSome text.\n`;
writeFileSync(join(contentDir, 'articles', 'huawei-chip.md'), article('title: "  Huawei aims to mass-produce an AI chip "\ndate: 2024-11-22\ntopics: [AI, chips, ai]'));
writeFileSync(join(contentDir, 'articles', '2024', 'nested.md'), article('title: Nested article\ndate: 2024-01-05\ntopics:\n  - chips'));
writeFileSync(join(contentDir, 'articles', 'secret.md'), article('title: Secret\ndate: 2024-11-23\ntopics: [chips]\ndraft: true'));
writeFileSync(join(contentDir, 'articles', 'pictured.md'), article('title: Pictured\ndate: 2024-11-24\ntopics: [chips]\nimage: { src: ./chart.png, alt: A chart }'));

describe('readOgImageJobs', () => {
  const { jobs, leadImaged, problems } = readOgImageJobs(contentDir);

  it('lists every published article without a lead image with its title, first topic, printed date and the site name', () => {
    expect(jobs).toEqual([
      { slug: articleSlugFromPath('2024/nested.md'), input: { title: 'Nested article', topic: 'Chips', date: '5 January 2024', siteName: site.title } },
      {
        slug: 'huawei-chip',
        input: { title: 'Huawei aims to mass-produce an AI chip', topic: 'Artificial intelligence', date: '22 November 2024', siteName: site.title },
      },
    ]);
    expect(leadImaged).toEqual(['pictured']);
    expect(problems).toEqual([]);
  });
  it('reads the same list on a worker thread', async () => {
    expect(await readOgImageJobsOffThread(contentDir)).toEqual({ jobs, leadImaged, problems });
  });
  it('leaves out an article whose date is not a real day, and passes on the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'og-articles-bad-'));
    try {
      mkdirSync(join(dir, 'articles'));
      writeFileSync(join(dir, 'topics.yaml'), '- id: chips\n  name: Chips\n  description: d\n');
      writeFileSync(join(dir, 'articles', 'leap.md'), article('title: Leap\ndate: "2024-02-30"\ntopics: [chips]'));
      writeFileSync(join(dir, 'articles', 'fine.md'), article('title: Fine\ndate: 2024-02-29\ntopics: [chips]'));
      const list = readOgImageJobs(dir);
      expect(list.jobs.map((job) => job.slug)).toEqual(['fine']);
      expect(list.problems.join('\n')).toMatch(/leap\.md: date: "2024-02-30" is not a real date/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('names the folder when it cannot be read', async () => {
    await expect(readOgImageJobsOffThread(join(contentDir, 'missing'))).rejects.toThrow(/missing/);
  });
});

describe('unmatchedPages', () => {
  const jobs = [{ slug: 'a' }, { slug: 'b' }].map(({ slug }) => ({ slug, input: { title: slug, topic: '', date: '', siteName: '' } }));

  it('is empty when every article page has its image and every image its page', () => {
    const pages = [{ pathname: '' }, { pathname: 'articles/a/' }, { pathname: 'articles/b/' }, { pathname: 'topics/chips/' }];
    expect(unmatchedPages({ jobs, leadImaged: [] }, pages)).toEqual({ noImage: [], noPage: [] });
    expect(unmatchedPages({ jobs, leadImaged: ['c'] }, [...pages, { pathname: 'articles/c/' }])).toEqual({ noImage: [], noPage: [] });
  });
  it('names article pages without an image and images without a page', () => {
    const pages = [{ pathname: 'articles/a/' }, { pathname: 'articles/c/' }, { pathname: 'articles/' }];
    expect(unmatchedPages({ jobs, leadImaged: [] }, pages)).toEqual({ noImage: ['articles/c'], noPage: ['articles/b'] });
  });
});
