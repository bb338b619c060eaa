/**
 * The audit must catch every way an article can be lost: each case breaks a copy of the fixture
 * build in one way and expects the audit to name the problem.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { AUDIT_GO, AUDIT_WAITING, auditSite, PAGE_AUDIT_PREFIX } from '../../scripts/audit.ts';
import { fixtureContent, fixtureDist, root } from '../helpers/paths.ts';

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
      edit(join(dist, 'sitemap.xml'), strip);
    });
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: not listed on the "chips" topic pages`));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /rss.xml`));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /topics/ai/rss.xml`));
    expect(problems).toContainEqual(expect.stringMatching(/sitemap\.xml: missing .*huawei-aims/));
  });

  it('names an article missing from its month’s feed archive, and an archive a feed links to but lacks', () => {
    const problems = brokenCopy((dist) => {
      edit(join(dist, 'archive/2024/11/rss.xml'), (text) => text.replaceAll(`/articles/${SLUG}/`, '/articles/gone/'));
      rmSync(join(dist, 'topics/ai/archive/2024/11/rss.xml'));
    });
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`/${SLUG}\\.md: missing from /archive/2024/11/rss\\.xml, the archive of /rss\\.xml for its month$`)));
    expect(problems).toContainEqual(`/rss.xml: lists https://techpolicywire.example/articles/gone/, which is not one of its articles`);
    expect(problems).toContainEqual('/topics/ai/rss.xml: links to the archive /topics/ai/archive/2024/11/rss.xml, which is missing');
    expect(problems).not.toContainEqual(expect.stringContaining(`${SLUG}.md: missing from /rss.xml`));
  });

  it('names an article missing from an entity page it is named on', () => {
    const problems = brokenCopy((dist) => edit(join(dist, 'entities/smic/index.html'), (t) => t.replaceAll(`/articles/${SLUG}/`, '/articles/gone/')));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: names entity "smic" but is not listed on its pages`));
  });

  it('names an article without its preview image', () => {
    const problems = brokenCopy((dist) => rmSync(join(dist, `og/${SLUG}.png`)));
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: no preview image at /og/${SLUG}.png`));
  });

  it('names an article missing from the search index', () => {
    const problems = brokenCopy((dist) => {
      const dir = join(dist, 'pagefind/fragment');
      for (const name of readdirSync(dir)) {
        if (gunzipSync(readFileSync(join(dir, name))).toString().includes(`/articles/${SLUG}/`)) rmSync(join(dir, name));
      }
    });
    expect(problems).toContainEqual(expect.stringContaining(`${SLUG}.md: missing from the search index`));
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
