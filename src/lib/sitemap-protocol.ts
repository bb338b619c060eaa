/**
 * The sitemaps.org protocol's namespace and limits, apart from src/lib/sitemap.ts so that the
 * build's audit can check them without loading the site's model.
 */

/** URLs in one sitemap file, and sitemaps in one sitemap index. */
export const SITEMAP_URL_LIMIT = 50_000;
/** Bytes of one sitemap file or index, uncompressed (50 MB); 50,000 of this site's URLs take about 5 MB. */
export const SITEMAP_BYTE_LIMIT = 52_428_800;
/** The namespace of <urlset> and <sitemapindex>. */
export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
