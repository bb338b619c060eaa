/** An article's page: its route with the links it shows, and its head. */
import { isoDay } from './dates.ts';
import type { HeadData } from './head.ts';
import type { ShareImage } from './lead-image.ts';
import type { Article, SiteModel } from './model.ts';
import { newsArticleJsonLd, serializeJsonLd } from './structured-data.ts';
import { paths } from './urls.ts';

/** How many related articles an article's page lists. */
export const RELATED_COUNT = 4;

/** A link to another article: what a related list or the older/newer links show of it. */
export type ArticleLink = Pick<Article, 'slug' | 'title' | 'date'>;

/**
 * What an article's page is given: the article, and links to others with only what they show,
 * so that an edit to a related article's text does not change this page's cache key.
 */
export interface ArticlePage {
  article: Article;
  related: readonly ArticleLink[];
  older?: ArticleLink;
  newer?: ArticleLink;
}

function link(article: Article): ArticleLink;
function link(article: Article | undefined): ArticleLink | undefined;
function link(article: Article | undefined): ArticleLink | undefined {
  return article && { slug: article.slug, title: article.title, date: article.date };
}

/** Every article's page, as routes. */
export function articleRoutes(model: SiteModel): { params: { slug: string }; props: ArticlePage }[] {
  return model.articles.map((article) => ({
    params: { slug: article.slug },
    props: { article, related: model.related(article, RELATED_COUNT).map((each) => link(each.article)), ...neighbourLinks(model, article) },
  }));
}

function neighbourLinks(model: SiteModel, article: Article): Pick<ArticlePage, 'older' | 'newer'> {
  const { older, newer } = model.neighbours(article);
  return { ...(older ? { older: link(older) } : {}), ...(newer ? { newer: link(newer) } : {}) };
}

export interface ArticleHead {
  head: HeadData;
  /** The publication day, 2024-05-01: the page's sort key for search, and its <time>. */
  day: string;
  /** The publication year, the search's year filter. */
  year: string;
}

/**
 * `shareImages`: the lead image's crops (shareCrops), the 1200x630 card first; without them the
 * page announces the generated card.
 */
export function articleHead(article: Article, shareImages: readonly ShareImage[] = []): ArticleHead {
  const day = isoDay(article.date);
  const card = shareImages[0];
  const image = card ? card.path : paths.ogImage(article.slug);
  const imageMeta = card && { type: 'image/jpeg', width: card.width, height: card.height, alt: article.image?.alt || article.title };
  return {
    head: {
      title: article.title,
      description: article.summary,
      path: paths.article(article.slug),
      article: { published: article.date, modified: article.updated, topics: article.topics.map((topic) => topic.name) },
      image,
      imageMeta,
      jsonLd: serializeJsonLd(newsArticleJsonLd(article, card ? shareImages.map((each) => each.path) : [image])),
    },
    day,
    year: day.slice(0, 4),
  };
}
