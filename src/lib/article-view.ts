/** What an article's page shows besides the article itself, worked out from the model. */
import { isoDay } from './dates.ts';
import type { HeadData } from './head.ts';
import type { ShareImage } from './lead-image.ts';
import type { Article, SiteModel } from './model.ts';
import { newsArticleJsonLd, serializeJsonLd } from './structured-data.ts';
import { paths } from './urls.ts';

/** How many related articles an article's page lists. */
export const RELATED_COUNT = 4;

export interface ArticleView {
  head: HeadData;
  /** The publication day, 2024-05-01: the page's sort key for search, and its <time>. */
  day: string;
  /** The publication year, the search's year filter. */
  year: string;
  related: readonly Article[];
  older?: Article;
  newer?: Article;
}

/**
 * `shareImages`: the lead image's crops (shareCrops), the 1200x630 card first; without them the
 * page announces the generated card.
 */
export function articleView(model: SiteModel, article: Article, shareImages: readonly ShareImage[] = []): ArticleView {
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
    related: model.related(article, RELATED_COUNT).map((each) => each.article),
    ...model.neighbours(article),
  };
}
