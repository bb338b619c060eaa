/**
 * Turns Astro's build errors about content into lines that name the file, the field (or line)
 * and what to do. Astro reports a schema problem as "**articles → some-id** data does not match
 * collection schema. **field**: message", naming an entry id where editors think in files, and
 * a YAML syntax error with its location in `loc`.
 */
import { relative } from 'node:path';

export interface SourceFile {
  slug: string;
  file: string;
}

interface AstroLikeError {
  message: string;
  loc?: { file?: string; line?: number };
}

const FRONTMATTER_HINT = 'fix the frontmatter between the --- lines at the top of the file (see README, "Writing articles")';

export function explainBuildError(error: AstroLikeError, articles: readonly SourceFile[]): string {
  const plain = String(error.message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
  const header = /\*\*(\w+) → ([^*]+)\*\* data does not match collection schema\./.exec(plain);
  if (header) {
    const [, collection, id] = header;
    const file =
      collection === 'articles'
        ? (articles.find((article) => article.slug === id)?.file ?? `${collection}/${id}`)
        : `${collection} entry "${id}"`;
    const fields = [...plain.slice(header.index + header[0].length).matchAll(/\*\*([^*]*)\*\*: (?:\*\*[^*]*\*\*: )?(.+)/g)].map(
      ([, field, problem]) => `${file}: ${field || '(frontmatter)'}: ${problem.trim()}`,
    );
    return `${fields.length > 0 ? fields.join('\n') : `${file}: ${plain}`}\n(${FRONTMATTER_HINT})`;
  }
  if (error.loc?.file) {
    const where = `${relative(process.cwd(), error.loc.file)}${error.loc.line ? `:${error.loc.line}` : ''}`;
    const first = plain.split('\n')[0];
    return `${where}: cannot read the frontmatter: ${first}\n(${FRONTMATTER_HINT})`;
  }
  return plain;
}
