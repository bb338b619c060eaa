/**
 * schema.org NewsArticle JSON-LD for article pages, and its safe serialisation: the JSON goes
 * inside a <script> element, so "<" (and with it "</script>") and the line separators that
 * break older parsers are written as \u escapes.
 */
import { authorJsonLd } from './authors.ts';
import type { Article } from './model.ts';
import { site } from './site.ts';
import { absoluteUrl, paths } from './urls.ts';

/** `images`: site-relative paths of the article's image, or of its crops in several shapes. */
export function newsArticleJsonLd(article: Article, images: readonly string[] = []): Record<string, unknown> {
  const pageUrl = absoluteUrl(paths.article(article.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    datePublished: article.date.toISOString(),
    dateModified: (article.updated ?? article.date).toISOString(),
    articleSection: article.topics.map((topic) => topic.name),
    keywords: article.topics.map((topic) => topic.name),
    wordCount: article.words,
    inLanguage: site.lang,
    url: pageUrl,
    mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
    ...(images.length > 0 ? { image: images.map((path) => absoluteUrl(path)) } : {}),
    author: authorJsonLd(article),
    publisher: { '@type': 'Organization', name: site.title, url: absoluteUrl(paths.home()) },
  };
}

export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
