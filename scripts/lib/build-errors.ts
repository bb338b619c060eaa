/**
 * Turns an error of the Astro step into lines that name the file, the field (or line) and what
 * to do. Content problems (src/lib/content-schema.ts, src/lib/model.ts) already read
 * `file: field: problem`, all of them at once; they get a pointer to the README. An error Astro
 * raises itself with a location gets `file:line:`.
 */
import { relative } from 'node:path';

interface AstroLikeError {
  message: string;
  problems?: readonly string[];
  loc?: { file?: string; line?: number };
}

const FRONTMATTER_HINT = 'fix each file named above; see README, "Writing articles"';

export function explainBuildError(error: AstroLikeError): string {
  const plain = String(error.message ?? error).replace(/\u001b\[[0-9;]*m/g, '');
  if (Array.isArray(error.problems)) return `${plain}\n(${FRONTMATTER_HINT})`;
  if (error.loc?.file) {
    const where = `${relative(process.cwd(), error.loc.file)}${error.loc.line ? `:${error.loc.line}` : ''}`;
    return `${where}: ${plain.split('\n')[0]}`;
  }
  return plain;
}
