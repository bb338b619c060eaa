import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanContentArticles } from '../../src/lib/content-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'content-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const articles = join(dir, 'articles');
const file = (name: string) => relative(process.cwd(), join(articles, name));

describe('scanContentArticles', () => {
  mkdirSync(articles, { recursive: true });
  writeFileSync(join(articles, 'good.md'), '---\ntitle: " Good "\ndate: 2024-11-22\ntopics: [Chips]\n---\nText.\n');
  writeFileSync(join(articles, 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n');
  writeFileSync(join(articles, 'impossible.md'), '---\ntitle: Odd\ndate: 2024-02-30\ntopics: [chips]\ndraft: true\n---\nText.\n');
  writeFileSync(join(articles, 'Good!.md'), '---\ntitle: Twin\ndate: 2024-01-01\ntopics: [chips]\n---\nText.\n');
  writeFileSync(join(articles, 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\ndate: 2024-01-01\ntopics: [chips]\n---\n', 'latin1'));

  const scan = scanContentArticles(dir);

  it('lists every readable article once, with its frontmatter as written', () => {
    expect(scan.articles.map((a) => a.file).sort()).toEqual([file('good.md'), file('impossible.md'), file('latin1.md'), file('Good!.md')].sort());
    expect(scan.articles.find((a) => a.file === file('good.md'))).toMatchObject({ slug: 'good', title: 'Good', date: '2024-11-22', topics: ['chips'], draft: false });
    expect(scan.articles.find((a) => a.file === file('impossible.md'))?.draft).toBe(true);
  });

  it('names every problem of every file with the build\'s schema, without throwing', () => {
    expect(scan.problems.sort()).toEqual(
      [
        `${file('broken.md')}:3: the frontmatter cannot be read as YAML: unexpected end of the stream within a flow collection`,
        `${file('impossible.md')}: date: "2024-02-30" is not a real date; write it as YYYY-MM-DD`,
        `${file('latin1.md')}: the file is not valid UTF-8; save it as UTF-8 and build again`,
        `${file('good.md')}: gives the same URL /articles/good/ as ${file('Good!.md')}; rename one of the files`,
      ].sort(),
    );
  });
});
