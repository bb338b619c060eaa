/**
 * What HTML an article may carry. Markdown may contain raw HTML; only the tags and attributes
 * of ordinary article prose survive, links and images may use http(s), mailto and relative URLs
 * only, and <script>, <style>, <iframe>, event handlers, javascript: and data: URLs are removed.
 * The same sanitised HTML is used on the page, in the feeds and in the search index.
 */
import sanitizeHtml from 'sanitize-html';
import { url } from './urls.ts';

/** A root-relative link in Markdown (/topics/ai/) means this site, wherever its base path is. */
function rebase(value: string | undefined): string | undefined {
  return value?.startsWith('/') && !value.startsWith('//') ? url(value) : value;
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q',
    'code', 'pre', 'kbd', 'samp', 'figure', 'figcaption', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr',
    'th', 'td', 'caption', 'span', 'section', 'time',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'id', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    abbr: ['title'],
    time: ['datetime'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    li: ['id'],
    code: ['class'],
    h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    sup: ['id'], section: ['class', 'id'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/], section: ['footnotes'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags: nothing inside them is prose.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  // An image whose only source was unsafe is an empty box; drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    // Outbound links must not give the linked page a handle on ours.
    a: (tagName, attribs) => {
      const href = rebase(attribs.href);
      const rebased = href === undefined ? attribs : { ...attribs, href };
      return { tagName, attribs: /^https?:/i.test(href ?? '') ? { ...rebased, rel: 'noopener noreferrer' } : rebased };
    },
    // Images in the body wait until the reader scrolls near them; the lead image above is eager.
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, loading: attribs.loading === 'eager' ? 'eager' : 'lazy', ...(attribs.src === undefined ? {} : { src: rebase(attribs.src)! }) },
    }),
  },
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/**
 * Rewrites relative href/src values to absolute URLs against `base`, for feeds, which readers
 * show out of the site's context. Expects sanitised HTML (attributes double-quoted).
 */
export function absolutizeUrls(html: string, base: string): string {
  return html.replace(/\s(href|src)="([^"]*)"/g, (whole, attribute: string, value: string) => {
    if (value.startsWith('#')) return ` ${attribute}="${base}${value}"`;
    try {
      const decoded = value.replace(/&amp;/g, '&');
      return ` ${attribute}="${new URL(decoded, base).href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    } catch {
      return whole;
    }
  });
}
