/**
 * An internal link checker that reads the built files instead of crawling a server.
 *
 * Why our own crawler rather than linkinator: the question is "does every URL a page points to
 * name a file of dist/, and does its #fragment name an element in that file?", and dist/
 * answers it exactly, offline, in well under a second, with no server to start. A check
 * through a server answers a looser question, because the server repairs and hides mistakes:
 * `astro preview`, like most static hosts, redirects `/x` to `/x/`, so a link that only works
 * through that redirect passes. A crawl also reaches only pages linked from where it starts,
 * while this reads every page that was built (orphans included), and it checks more than
 * <a href>: canonical and alternate links, Open Graph URLs, srcset, form actions and the URLs
 * in JSON-LD. It maps URLs to files with the site's own rules: the base path (src/lib/site.ts,
 * as url() in src/lib/urls.ts applies it), `/x/` → `x/index.html`, trailingSlash 'always'.
 * External links (http(s) to another origin) are not fetched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

export interface SiteAddress {
  /** The site's origin, e.g. https://techpolicywire.example (absolute URLs on it are internal). */
  origin: string;
  /** The base path the site is served under, '/' or '/policy/'. */
  base: string;
}

/** Element attributes that hold one URL. */
const URL_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['a[href]', 'href'],
  ['area[href]', 'href'],
  ['link[href]', 'href'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['script[src]', 'src'],
  ['iframe[src]', 'src'],
  ['video[src]', 'src'],
  ['video[poster]', 'poster'],
  ['audio[src]', 'src'],
  ['track[src]', 'src'],
  ['embed[src]', 'src'],
  ['object[data]', 'data'],
  ['form[action]', 'action'],
  ['button[formaction]', 'formaction'],
  ['input[src]', 'src'],
  ['blockquote[cite]', 'cite'],
  ['q[cite]', 'cite'],
  ['ins[cite]', 'cite'],
  ['del[cite]', 'cite'],
  ['use[href]', 'href'],
  ['image[href]', 'href'],
];
/** Attributes that hold a comma-separated list of "URL descriptor". */
const SRCSET_ATTRIBUTES: [selector: string, attribute: string][] = [
  ['img[srcset]', 'srcset'],
  ['source[srcset]', 'srcset'],
];
/** <meta> tags whose content is a URL. */
const META_URLS = ['og:url', 'og:image', 'og:image:url', 'og:image:secure_url', 'og:audio', 'og:video', 'twitter:image', 'twitter:url'];
/** Schemes that leave the site by design and are not checked. */
const OUTWARD_SCHEMES = new Set(['mailto:', 'tel:']);

interface Reference {
  where: string;
  value: string;
}

/** Every URL a page refers to, with where it was found. */
function references(document: Document): Reference[] {
  const found: Reference[] = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const element of document.querySelectorAll(selector)) {
      const rel = element.localName === 'link' ? ` rel="${element.getAttribute('rel') ?? ''}"` : '';
      found.push({ where: `<${element.localName}${rel} ${attribute}>`, value: element.getAttribute(attribute) ?? '' });
    }
  }
  for (const [selector, attribute] of SRCSET_ATTRIBUTES) {
    for (const element of document.querySelectorAll(selector)) {
      for (const candidate of (element.getAttribute(attribute) ?? '').split(',')) {
        const value = candidate.trim().split(/\s+/)[0];
        if (value) found.push({ where: `<${element.localName} ${attribute}>`, value });
      }
    }
  }
  for (const meta of document.querySelectorAll('meta[content]')) {
    const key = meta.getAttribute('property') ?? meta.getAttribute('name') ?? '';
    if (META_URLS.includes(key)) found.push({ where: `<meta ${key}>`, value: meta.getAttribute('content') ?? '' });
  }
  // JSON-LD: every string value that is an absolute URL (the internal ones are then checked).
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        if (/^https?:\/\//.test(value)) found.push({ where: '<script ld+json>', value });
      } else if (value && typeof value === 'object') {
        for (const inner of Object.values(value)) walk(inner);
      }
    };
    try {
      walk(JSON.parse(script.textContent ?? ''));
    } catch {
      found.push({ where: '<script ld+json>', value: '(unparsable JSON-LD)' });
    }
  }
  return found;
}

/** Every file under dir, as '/'-separated paths relative to it. */
function allFiles(dir: string): Set<string> {
  return new Set(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1).split('\\').join('/')));
}

/** The site-relative URL path a built HTML file is served at. */
export function pagePath(file: string, base: string): string {
  if (file === 'index.html') return base;
  if (file.endsWith('/index.html')) return `${base}${file.slice(0, -'index.html'.length)}`;
  return `${base}${file}`;
}

export interface LinkProblem {
  /** The built file, relative to dist. */
  page: string;
  /** Where in the page, e.g. `<a href>` or `<meta og:url>`. */
  where: string;
  /** The URL as written. */
  value: string;
  problem: string;
}

export interface LinkReport {
  /** HTML pages read. */
  pages: number;
  /** URLs checked (internal and external). */
  urls: number;
  /** Internal URLs (same origin, after resolving) that were resolved to a file. */
  internal: number;
  /** Internal URLs with a #fragment that was matched to an id. */
  fragments: number;
  problems: LinkProblem[];
}

export const formatProblem = (p: LinkProblem): string => `${p.page}: ${p.where} "${p.value}": ${p.problem}`;

/**
 * Checks every internal URL in every built HTML page of distDir (Pagefind's folder aside):
 * each must name a file that exists, and each #fragment an element id in that file.
 */
export function checkInternalLinks(distDir: string, site: SiteAddress): LinkReport {
  const dir = distDir.replace(/\/+$/, '');
  const files = allFiles(dir);
  const pages = [...files].filter((file) => file.endsWith('.html') && !file.startsWith('pagefind/')).sort();
  const documents = new Map<string, Document>();
  const documentOf = (file: string): Document => {
    let document = documents.get(file);
    if (!document) {
      document = parseHTML(readFileSync(join(dir, file), 'utf8')).document as unknown as Document;
      documents.set(file, document);
    }
    return document;
  };
  const idsOf = new Map<string, Set<string>>();
  const targetsIn = (file: string): Set<string> => {
    let ids = idsOf.get(file);
    if (!ids) {
      const document = documentOf(file);
      ids = new Set([
        ...[...document.querySelectorAll('[id]')].map((element) => element.getAttribute('id') ?? ''),
        ...[...document.querySelectorAll('a[name]')].map((element) => element.getAttribute('name') ?? ''),
      ]);
      idsOf.set(file, ids);
    }
    return ids;
  };

  const report: LinkReport = { pages: pages.length, urls: 0, internal: 0, fragments: 0, problems: [] };
  for (const page of pages) {
    const pageUrl = new URL(pagePath(page, site.base), `${site.origin}/`);
    for (const { where, value: raw } of references(documentOf(page))) {
      report.urls += 1;
      const value = raw.trim();
      const fail = (problem: string) => report.problems.push({ page, where, value: raw, problem });
      if (value === '') {
        fail('empty URL');
        continue;
      }
      let target: URL;
      try {
        target = new URL(value, pageUrl);
      } catch {
        fail('not a valid URL');
        continue;
      }
      if (OUTWARD_SCHEMES.has(target.protocol)) continue;
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        fail(`${target.protocol} URLs are not allowed`);
        continue;
      }
      if (target.origin !== pageUrl.origin) continue; // external: not fetched
      // The 404 page is served at every unknown address, so only root-relative or absolute
      // URLs (and bare #fragments) mean the same thing wherever it appears.
      if (page === '404.html' && !/^(\/|#|[a-z][a-z\d+.-]*:)/i.test(value)) {
        fail('relative URL on the 404 page, which is served at any address');
        continue;
      }
      let path: string;
      try {
        path = decodeURIComponent(target.pathname);
      } catch {
        fail('badly percent-encoded path');
        continue;
      }
      if (!path.startsWith(site.base)) {
        fail(`points outside the site's base path ${site.base}`);
        continue;
      }
      const relativePath = path.slice(site.base.length);
      const file = relativePath === '' || relativePath.endsWith('/') ? `${relativePath}index.html` : relativePath;
      if (!files.has(file)) {
        fail(files.has(`${relativePath}/index.html`) ? `missing trailing slash (the page is ${site.base}${relativePath}/)` : `no such file in dist: ${file}`);
        continue;
      }
      report.internal += 1;
      if (target.hash.length > 1 && !target.hash.startsWith('#:~:')) {
        let fragment: string;
        try {
          fragment = decodeURIComponent(target.hash.slice(1));
        } catch {
          fail('badly percent-encoded #fragment');
          continue;
        }
        if (!file.endsWith('.html')) fail(`#${fragment} points into ${file}, which is not an HTML page`);
        else if (!targetsIn(file).has(fragment)) fail(`no element with id "${fragment}" in ${file}`);
        else report.fragments += 1;
      }
    }
  }
  return report;
}
