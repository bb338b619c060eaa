/**
 * Keeps the build's copy of the content store one string of ASCII.
 *
 * Astro bundles the whole content store (every article's frontmatter and rendered HTML) into
 * one module, `export default JSON.parse("…")`, and the build imports it before the first page
 * renders. V8 builds that string literal as a one-byte string while it holds only Latin-1
 * characters; one curly apostrophe anywhere makes all of it two-byte, and then compiling the
 * module takes several times as long (bench/README.md has the figures and the command). Real
 * articles always hold such characters (’ “ – …).
 *
 * Non-ASCII characters can only appear inside JSON strings, so each one is written as a JSON
 * escape (`\u2019`) within the JavaScript literal. JSON.parse turns it back into the same
 * character: the data the pages read is unchanged, only the module's source is.
 */
import type { AstroIntegration } from 'astro';

/** The id Astro gives the bundled content store (astro/dist/content/consts.js). */
export const CONTENT_STORE_MODULE = '\0astro:data-layer-content';
const PREFIX = 'export default JSON.parse(';
const NON_ASCII = /[^\x00-\x7f]/g;

/** How many backslashes end text[0, end). */
function backslashesBefore(text: string, end: number): number {
  let count = 0;
  while (end - 1 - count >= 0 && text.charCodeAt(end - 1 - count) === 92 /* \\ */) count++;
  return count;
}

/** True when text is exactly one double-quoted string literal (every inner quote escaped). */
function isOneStringLiteral(text: string): boolean {
  if (text.length < 2 || !text.startsWith('"')) return false;
  for (let at = text.indexOf('"', 1); at !== -1; at = text.indexOf('"', at + 1)) {
    if (backslashesBefore(text, at) % 2 === 0) return at === text.length - 1;
  }
  return false;
}

/**
 * The module's code with every non-ASCII character as a JSON `\uXXXX` escape, and how many
 * there were; null when the code is not the one-literal shape this relies on (then it is left as
 * Astro wrote it, which is slower but still right).
 */
export function escapeContentStore(code: string): { code: string; escaped: number } | null {
  const close = code.lastIndexOf(')');
  if (!code.startsWith(PREFIX) || !/^\s*;?\s*$/.test(code.slice(close + 1))) return null;
  if (!isOneStringLiteral(code.slice(PREFIX.length, close))) return null;
  let escaped = 0;
  let escapedByBackslash = false;
  // Two backslashes in the JavaScript source are one in the string JSON.parse reads. Characters
  // beyond U+FFFF are two UTF-16 units here, and JSON reads the escaped pair back as one.
  const ascii = code.replace(NON_ASCII, (char, offset: number) => {
    // JSON.stringify never escapes such a character; a JavaScript escape of one (a line
    // continuation) would change meaning once the character is replaced.
    if (backslashesBefore(code, offset) % 2 === 1) escapedByBackslash = true;
    escaped++;
    return `\\\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return escapedByBackslash ? null : { code: ascii, escaped };
}

export default function contentStoreAscii(): AstroIntegration {
  return {
    name: 'content-store-ascii',
    hooks: {
      'astro:config:setup': ({ updateConfig, logger }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'content-store-ascii',
                apply: 'build',
                transform(code, id) {
                  if (id !== CONTENT_STORE_MODULE) return null;
                  const result = escapeContentStore(code);
                  if (!result) {
                    logger.warn('the content store module has a shape this build does not know; left as it is (slower to load)');
                    return null;
                  }
                  logger.info(`content store: ${result.escaped} non-ASCII characters escaped (${(code.length / 1e6).toFixed(1)} MB)`);
                  return { code: result.code, map: null };
                },
              },
            ],
          },
        });
      },
    },
  };
}
