/**
 * Stable, readable URL slugs: the same title always gives the same slug, on any machine,
 * so links and feed guids never change when an article is re-imported.
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** The slug (URL and id) of an article file: its path inside content/articles/, slugified. */
export function articleSlugFromPath(relativePath: string): string {
  return slugify(relativePath.replace(/\.(md|markdown)$/i, '').replace(/[\\/]+/g, ' '), 200);
}
