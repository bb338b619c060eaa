/** What an article's page shows besides the article itself, worked out from the model. */
import { isoDay } from './dates.ts';
import type { HeadData } from './head.ts';
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

export function articleView(model: SiteModel, article: Article): ArticleView {
  const day = isoDay(article.date);
  const image = paths.ogImage(article.slug);
  return {
    head: {
      title: article.title,
      description: article.summary,
      path: paths.article(article.slug),
      article: { published: article.date, modified: article.updated, topics: article.topics.map((topic) => topic.name) },
      image,
      jsonLd: serializeJsonLd(newsArticleJsonLd(article, image)),
    },
    day,
    year: day.slice(0, 4),
    related: model.related(article, RELATED_COUNT).map((each) => each.article),
    ...model.neighbours(article),
  };
}
