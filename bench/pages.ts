/** Page weight: the gzip size of a built page with the CSS and JavaScript it loads. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  path: string;
  html: { raw: number; gzip: number };
  css: { files: string[]; raw: number; gzip: number };
  js: { files: string[]; inlineScripts: number; raw: number; gzip: number };
  /** HTML + CSS + JS, gzip. */
  totalGzip: number;
}

function gz(data: Buffer | string): number {
  return gzipSync(data, { level: 6 }).length;
}

function assetPath(dist: string, href: string): string | null {
  if (/^[a-z]+:\/\//i.test(href) || href.startsWith('//')) return null;
  const clean = href.split(/[?#]/)[0];
  return join(dist, clean.startsWith('/') ? clean : `/${clean}`);
}

function pageWeight(dist: string, page: string): PageWeight {
  const html = readFileSync(join(dist, page));
  const text = html.toString('utf8');
  const cssFiles = new Set<string>();
  const jsFiles = new Set<string>();
  let inline = 0;
  let inlineRaw = 0;
  let inlineGzip = 0;
  for (const tag of text.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!href) continue;
    if (rel === 'stylesheet') cssFiles.add(href);
    if (rel === 'modulepreload' || (rel === 'preload' && /\bas=["']?script/i.test(tag))) jsFiles.add(href);
  }
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1];
    const type = /\btype=["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && !type.includes('javascript')) continue; // JSON-LD and other data blocks
    const src = /\bsrc=["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src) jsFiles.add(src);
    else if (match[2].trim()) {
      inline += 1;
      inlineRaw += Buffer.byteLength(match[2]);
      inlineGzip += gz(match[2]);
    }
  }
  const sum = (hrefs: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const href of hrefs) {
      const file = assetPath(dist, href);
      if (!file || !existsSync(file)) continue;
      const data = readFileSync(file);
      raw += data.length;
      gzip += gz(data);
    }
    return { raw, gzip };
  };
  const css = sum(cssFiles);
  const js = sum(jsFiles);
  const result: PageWeight = {
    path: `/${page.replace(/index\.html$/, '')}`,
    html: { raw: html.length, gzip: gz(html) },
    css: { files: [...cssFiles], ...css },
    js: { files: [...jsFiles], inlineScripts: inline, raw: js.raw + inlineRaw, gzip: js.gzip + inlineGzip },
    totalGzip: 0,
  };
  result.totalGzip = result.html.gzip + result.css.gzip + result.js.gzip;
  return result;
}

/** Home, the median-sized article page and the first topic's first page. */
export function pageWeights(dist: string): { home: PageWeight; article: PageWeight; topic: PageWeight | null } {
  const articlesDir = join(dist, 'articles');
  const articlePages = readdirSync(articlesDir)
    .map((slug) => join('articles', slug, 'index.html'))
    .filter((page) => existsSync(join(dist, page)))
    .map((page) => ({ page, size: statSync(join(dist, page)).size }))
    .sort((a, b) => a.size - b.size || (a.page < b.page ? -1 : 1));
  const article = articlePages[Math.floor(articlePages.length / 2)].page;
  const topicsDir = join(dist, 'topics');
  let topic: string | null = null;
  if (existsSync(topicsDir)) {
    const firstTopic = readdirSync(topicsDir).filter((name) => existsSync(join(topicsDir, name, 'index.html'))).sort()[0];
    if (firstTopic) topic = join('topics', firstTopic, 'index.html');
  }
  return { home: pageWeight(dist, 'index.html'), article: pageWeight(dist, article), topic: topic ? pageWeight(dist, topic) : null };
}

