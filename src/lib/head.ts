/** What a page tells BaseHead about itself. */
export interface HeadData {
  title: string;
  description: string;
  /** Site-relative path of the page, e.g. /topics/ai/. */
  path: string;
  noindex?: boolean;
  /** Feeds announced besides the site-wide ones (e.g. a topic's feed). */
  feeds?: { title: string; path: string; type: string }[];
  /** Site-relative path of the social preview image. */
  image?: string;
  /** The preview image's type, size and description when it is not the generated 1200x630 PNG card. */
  imageMeta?: { type: string; width: number; height: number; alt: string };
  article?: { published: Date; modified?: Date; topics: string[] };
  /** JSON-LD, already serialised with serializeJsonLd. */
  jsonLd?: string;
}
