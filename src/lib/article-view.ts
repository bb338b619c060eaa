/** An article's page: its route with the links it shows, and its head. */
import { isoDay } from './dates.ts';
import type { HeadData } from './head.ts';
import type { ShareImage } from './lead-image.ts';
import type { Article, SiteModel } from './model.ts';
import { newsArticleJsonLd, serializeJsonLd } from './structured-data.ts';
import { paths } from './urls.ts';

/** How many related articles an article's page lists. */
export const RELATED_COUNT = 4;

/** What an article's page is given: the article, and the links it shows to other articles. */
export interface ArticlePage {
  article: Article;
  related: readonly Article[];
  older?: Article;
  newer?: Article;
}

/** Every article's page, as routes. */
export function articleRoutes(model: SiteModel): { params: { slug: string }; props: ArticlePage }[] {
  return model.articles.map((article) => ({
    params: { slug: article.slug },
    props: { article, related: model.related(article, RELATED_COUNT).map((each) => each.article), ...model.neighbours(article) },
  }));
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
