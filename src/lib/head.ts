/** What a page tells BaseHead about itself. */
export interface HeadData {
  title: string;
  description: string;
  /** Site-relative path of the page, e.g. /topics/ai/. */
  path: string;
  noindex?: boolean;
  feeds?: { title: string; path: string; type: string }[];
  article?: { published: Date; modified?: Date; topics: string[] };
}
