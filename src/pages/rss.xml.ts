import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteModel } from '../data/site-model.ts';
import { site } from '../lib/site.ts';
import { absoluteUrl, paths } from '../lib/urls.ts';

export const GET: APIRoute = async () => {
  const model = await getSiteModel();
  return rss({
    title: site.title,
    description: site.description,
    site: absoluteUrl(paths.home()),
    trailingSlash: true,
    customData: `<language>${site.lang}</language>`,
    items: model.articles.map((article) => ({
      title: article.title,
      link: absoluteUrl(paths.article(article.slug)),
      pubDate: article.date,
      description: article.summary,
      categories: article.topics.map((topic) => topic.name),
    })),
  });
};
