/**
 * Splits a plain-text digest into articles. The shape is the seed's:
 *
 *   Title line
 *   <blank>
 *   Paragraph
 *   <blank>
 *   Paragraph …
 *   <blank>
 *   Next title
 *
 * A block is a title when it is one short line that does not end like a sentence;
 * everything between two titles is the body of the first.
 */

export interface DigestArticle {
  title: string;
  paragraphs: string[];
  /** 1-based line number of the title in the digest. */
  line: number;
}

export class DigestError extends Error {
  readonly file: string;
  readonly line: number;
  readonly problem: string;

  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'DigestError';
    this.file = file;
    this.line = line;
    this.problem = problem;
  }
}

interface Block {
  text: string;
  line: number;
  lines: number;
}

const MAX_TITLE_LENGTH = 140;
const SENTENCE_END = /[.!:;,\u2026]["'\u201d\u2019)]*$|["\u201d]$/u;

export function isTitle(block: { text: string; lines: number }): boolean {
  const text = block.text.trim();
  return block.lines === 1 && text.length > 0 && text.length <= MAX_TITLE_LENGTH && !SENTENCE_END.test(text);
}

/** Decodes digest bytes as UTF-8 text, refusing binary files and other encodings. */
export function decodeDigest(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) {
    throw new DigestError(file, 1, 'this is not a text file (it contains NUL bytes); export the digest as plain UTF-8 text');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The lenient decoder marks the first bad byte with U+FFFD; report its line.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).split('\n').length;
    throw new DigestError(file, line, 'the file is not valid UTF-8; save it as UTF-8 text and import again');
  }
  return text.replace(/^\uFEFF/, '');
}

function toBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      current = null;
      return;
    }
    if (current) {
      current.text += ` ${line}`;
      current.lines += 1;
    } else {
      current = { text: line, line: index + 1, lines: 1 };
      blocks.push(current);
    }
  });
  return blocks;
}

export function splitDigest(text: string, file = 'digest'): DigestArticle[] {
  const blocks = toBlocks(text);
  if (blocks.length === 0) throw new DigestError(file, 1, 'the digest is empty; nothing to import');
  if (!blocks.some(isTitle)) {
    throw new DigestError(
      file,
      blocks[0].line,
      'no title line found; each article must start with a one-line title (no full stop) followed by a blank line',
    );
  }
  const articles: DigestArticle[] = [];
  for (const block of blocks) {
    if (isTitle(block)) {
      articles.push({ title: block.text, paragraphs: [], line: block.line });
      continue;
    }
    const current = articles.at(-1);
    if (!current) {
      throw new DigestError(
        file,
        block.line,
        'missing title: the digest starts with a paragraph; add a one-line title above it',
      );
    }
    current.paragraphs.push(block.text);
  }
  for (const article of articles) {
    if (article.paragraphs.length === 0) {
      throw new DigestError(
        file,
        article.line,
        `article "${article.title}" has an empty body; add its paragraphs below the title or remove the title`,
      );
    }
  }
  return articles;
}
