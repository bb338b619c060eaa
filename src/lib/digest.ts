/**
 * Splits digest text into articles. Three forms, which may be mixed in one file:
 *
 *   Markdown headings   `# Title` (or `## Title`) starts an article; everything up to the next
 *                       heading is its body.
 *   Separators          a line of three or more dashes (`---`) ends an article; the first block
 *                       after it (a single line) is the next title.
 *   Plain               Title line, blank line, paragraphs separated by blank lines. Used only
 *                       when the file has no heading and no separator line. A block starts an
 *                       article when all three hold:
 *                       - it looks like a title: one line of 3+ words and at most 140 characters,
 *                         starting with a capital or a digit, mostly letters, not ending in
 *                         . , : ; (? ! … are fine), not a list item, a quotation, a line with
 *                         "said", two sentences or figures compared ("Net 5.1 mln vs 4.2 mln");
 *                       - it comes where an article can end: the start of the file, or after a
 *                         block that ends a sentence; after a short line, a list or a table, only
 *                         when it has 4+ words and 20+ characters; never after a paragraph cut
 *                         mid-sentence;
 *                       - a real paragraph follows it (8+ words, 80+ characters, mostly letters,
 *                         ending a sentence unless it is long).
 *
 * A block is a run of non-blank lines, joined with spaces (wires hard-wrap paragraphs); a
 * one-word last line ("REUTER") is a sign-off and does not hide the sentence end above it.
 * In a one-article file (a file of a folder) the first line is the title whatever its form.
 * Problems stop the import; suspicions (splits that may have made an article out of a fragment,
 * or a title left inside a body) are listed and stop it unless the editor confirms them.
 */

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Every problem of an import, reported together. */
export class DigestError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[], summary?: string) {
    const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
    super(`${problems.map(formatProblem).join('\n')}\n${summary ?? `${count}; nothing was written`}`);
    this.name = 'DigestError';
    this.problems = problems;
  }

  get file(): string {
    return this.problems[0]?.file ?? '';
  }

  get line(): number {
    return this.problems[0]?.line ?? 0;
  }
}

export interface DigestArticle {
  title: string;
  paragraphs: string[];
  /** 1-based line number of the title. */
  line: number;
  /** 1-based line number of each paragraph. */
  paragraphLines: number[];
  /** How many lines each paragraph spans in the file. */
  paragraphSpans: number[];
}

export type DigestForm = 'headings' | 'separators' | 'plain' | 'one article';

export interface SplitResult {
  form: DigestForm;
  articles: DigestArticle[];
  problems: Problem[];
  suspicions: Problem[];
}

export interface Block {
  text: string;
  line: number;
  lines: number;
  /** The last line of the block, as written. */
  last?: string;
}

const MAX_TITLE_LENGTH = 140;
const MIN_TITLE_WORDS = 3;
const MIN_PARAGRAPH_LENGTH = 80;
const MIN_PARAGRAPH_WORDS = 8;
/** A paragraph of at least this length that does not end a sentence was cut in the middle. */
const LONG_PROSE = 60;
/** Bodies shorter than these are listed as suspicious splits. */
const SHORT_BODY = 150;
const SHORT_PARAGRAPH = 120;

const SENTENCE_END = /[.!?\u2026]["'\u201d\u2019)\]]*$/u;
const NO_TITLE_END = /[.,;:]["'\u201d\u2019)\]]*$/u;
const ELLIPSIS_END = /(\.\.\.|\u2026)["'\u201d\u2019)\]]*$/u;
const LIST_ITEM = /^(?:[-*\u2022\u2013\u2014+]|\d{1,3}[.)]|\(?[a-zA-Z]\))\s/u;
const QUOTE_OPEN = /^["'\u201c\u2018\u00ab]/u;
const QUOTE_CLOSE = /["'\u201d\u2019\u00bb][.!?\u2026]?$/u;
/** `"…," she said`: a quotation with its attribution. */
const ATTRIBUTION = /[,!?]["'\u201d\u2019]\s+\p{Ll}/u;
/** Headlines say "says"; prose says "said". */
const REPORTED = /\bsaid\b/u;
/** Two sentences on one line ("It rained. Then it stopped"), but not "U.S. Senate". */
const INNER_SENTENCE = /\p{Ll}{2,}[.!?]\s+\p{Lu}/u;
/** Columns aligned with runs of spaces: a table, not prose (two spaces after a full stop are prose). */
const TABULAR = /[^\s.!?:]\s{2,}\S/u;
/** "Revs 92.2 mln vs 77.4 mln": a line of figures compared. */
const FIGURES = /\d\S*(?:\s+\S+){0,2}\s+vs\.?\s+\S*\d/iu;
/** After a line that ends no sentence (a table, a list), only a clearly title-shaped line starts an article. */
const STRONG_TITLE_WORDS = 4;
const STRONG_TITLE_LENGTH = 20;
const SEPARATOR = /^\s*-{3,}\s*$/;
const HEADING = /^ {0,3}#{1,2}\s+(.*?)(?:\s+#+)?\s*$/;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function letterShare(text: string): number {
  const visible = text.replace(/\s/g, '');
  if (visible.length === 0) return 0;
  return (visible.match(/\p{L}/gu)?.length ?? 0) / visible.length;
}

/** Looks like a title by its own form, whatever surrounds it. */
export function looksLikeTitle(block: { text: string; lines: number }): boolean {
  const text = block.text.trim();
  if (block.lines !== 1 || text.length === 0 || text.length > MAX_TITLE_LENGTH) return false;
  if (words(text).length < MIN_TITLE_WORDS) return false;
  if (!/^["'\u201c\u2018(<[]?[\p{Lu}\p{N}]/u.test(text)) return false;
  if (NO_TITLE_END.test(text) && !ELLIPSIS_END.test(text)) return false;
  if (LIST_ITEM.test(text)) return false;
  if (letterShare(text) < 0.6) return false;
  if (QUOTE_OPEN.test(text) && QUOTE_CLOSE.test(text)) return false;
  if (ATTRIBUTION.test(text) || INNER_SENTENCE.test(text) || REPORTED.test(text) || FIGURES.test(text) || TABULAR.test(text)) return false;
  return true;
}

/** A real paragraph: long enough, mostly words, not a list item. */
export function isParagraph(block: Block | undefined): boolean {
  if (!block) return false;
  const text = block.text;
  return (
    text.length >= MIN_PARAGRAPH_LENGTH &&
    words(text).length >= MIN_PARAGRAPH_WORDS &&
    letterShare(text) >= 0.6 &&
    !LIST_ITEM.test(text) &&
    (endsSentence(block) || text.length >= 2 * MIN_PARAGRAPH_LENGTH)
  );
}

/** Whether an article may end with this block: not a paragraph cut off mid-sentence. */
export function mayEndArticle(block: Block): boolean {
  const text = withoutSignOff(block);
  if (SENTENCE_END.test(text)) return true;
  const prose = text.length >= LONG_PROSE && letterShare(text) >= 0.6 && !LIST_ITEM.test(text) && !TABULAR.test(text);
  return !prose;
}

/** Whether this block ends a sentence (a strong sign that an article may end here). */
function endsSentence(block: Block): boolean {
  return SENTENCE_END.test(withoutSignOff(block));
}

/** A one-word last line under a longer block is a sign-off ("REUTER", "ENDS"): the block ends above it. */
function withoutSignOff(block: Block): string {
  if (block.lines > 1 && block.last && !/\s/.test(block.last)) return block.text.slice(0, -block.last.length).trimEnd();
  return block.text;
}

/** Title, blank line, paragraphs: which blocks of a plain digest start an article. */
export function titleStarts(blocks: readonly Block[]): boolean[] {
  return blocks.map((block, i) => {
    if (!looksLikeTitle(block) || !isParagraph(blocks[i + 1])) return false;
    if (i === 0 || endsSentence(blocks[i - 1])) return true;
    return mayEndArticle(blocks[i - 1]) && isStrongTitle(block);
  });
}

function isStrongTitle(block: Block): boolean {
  return words(block.text).length >= STRONG_TITLE_WORDS && block.text.length >= STRONG_TITLE_LENGTH;
}

/** Decodes bytes as UTF-8 text, refusing binary files and other encodings with the byte offset. */
export function decodeDigest(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(file, lineAt(bytes, nul), `this is not a text file (a NUL byte at byte ${nul}); export it as plain UTF-8 text`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const line = lineAt(bytes, bad);
    const hint = bytes[bad] >= 0xa0 ? '; it looks like Latin-1 or Windows-1252' : '';
    const count = countInvalidUtf8(bytes);
    return fail(
      file,
      line,
      `the file is not valid UTF-8; save it as UTF-8 text and import again (byte ${bad}, 0x${bytes[bad].toString(16).padStart(2, '0')}, is not UTF-8; ${count} such ${count === 1 ? 'byte' : 'bytes'} in all${hint})`,
    );
  }
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function fail(file: string, line: number, message: string): never {
  throw new DigestError([{ file, line, message }]);
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function countInvalidUtf8(bytes: Uint8Array): number {
  let count = 0;
  let offset = 0;
  while (offset < bytes.length) {
    const bad = firstInvalidUtf8(bytes.subarray(offset));
    if (bad < 0) break;
    count += 1;
    offset += bad + 1;
  }
  return count;
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

interface Line {
  text: string;
  number: number;
}

function toLines(text: string): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw, index) => ({ text: raw.replace(/\s+$/, ''), number: index + 1 }));
}

export function toBlocks(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const { text, number } of lines) {
    const line = text.trim();
    if (line === '') {
      current = null;
    } else if (current) {
      current.text += ` ${line}`;
      current.lines += 1;
      current.last = line;
    } else {
      current = { text: line, line: number, lines: 1, last: line };
      blocks.push(current);
    }
  }
  return blocks;
}

interface Section {
  /** The title given by a heading, if the section starts with one. */
  heading?: Line;
  lines: Line[];
}

function quoteTitle(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57)}\u2026` : title;
}

/**
 * Splits digest text into articles. `oneArticle`: the text is one article (a file of a folder);
 * its first line is the title, whatever its form.
 */
export function splitDigest(text: string, file = 'digest', options: { oneArticle?: boolean } = {}): SplitResult {
  const lines = toLines(text);
  const problems: Problem[] = [];
  const suspicions: Problem[] = [];
  const articles: DigestArticle[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });

  if (lines.every((line) => line.text.trim() === '')) {
    problem(1, options.oneArticle ? 'the file is empty; nothing to import' : 'the digest is empty; nothing to import');
    return { form: options.oneArticle ? 'one article' : 'plain', articles, problems, suspicions };
  }

  if (options.oneArticle) {
    const first = lines.find((line) => line.text.trim() !== '')!;
    const heading = HEADING.exec(first.text);
    const title = (heading ? heading[1] : first.text).trim();
    const rest = toBlocks(lines.filter((line) => line.number > first.number && !SEPARATOR.test(line.text)));
    if (title.length > MAX_TITLE_LENGTH) {
      problem(first.number, `the first line, the title, is ${title.length} characters long (at most ${MAX_TITLE_LENGTH}); put the title alone on the first line`);
    }
    if (rest.length === 0) {
      problem(first.number, `"${quoteTitle(title)}" has no body; add its paragraphs below the title`);
    }
    if (rest.length > 0) {
      articles.push({ title, paragraphs: rest.map((b) => b.text), line: first.number, paragraphLines: rest.map((b) => b.line), paragraphSpans: rest.map((b) => b.lines) });
    }
    return { form: 'one article', articles, problems, suspicions };
  }

  const hasSeparator = lines.some((line) => SEPARATOR.test(line.text));
  const hasHeading = lines.some((line) => HEADING.test(line.text));
  const form: DigestForm = hasHeading ? 'headings' : hasSeparator ? 'separators' : 'plain';

  if (form === 'plain') {
    splitPlain(toBlocks(lines), file, articles, problems);
  } else {
    const sections: Section[] = [];
    let current: Section = { lines: [] };
    for (const line of lines) {
      if (SEPARATOR.test(line.text)) {
        sections.push(current);
        current = { lines: [] };
      } else if (HEADING.test(line.text)) {
        sections.push(current);
        current = { heading: line, lines: [] };
      } else {
        current.lines.push(line);
      }
    }
    sections.push(current);
    for (const section of sections) {
      const blocks = toBlocks(section.lines);
      if (section.heading) {
        const title = HEADING.exec(section.heading.text)![1].trim();
        if (!title) problem(section.heading.number, 'this heading has no text; write the title after "# "');
        else if (blocks.length === 0) problem(section.heading.number, `"${quoteTitle(title)}" has an empty body; add its paragraphs below the heading or remove it`);
        else articles.push({ title, paragraphs: blocks.map((b) => b.text), line: section.heading.number, paragraphLines: blocks.map((b) => b.line), paragraphSpans: blocks.map((b) => b.lines) });
        continue;
      }
      if (blocks.length === 0) continue;
      const [head, ...body] = blocks;
      if (hasHeading && !hasSeparator) {
        problem(head.line, 'text before the first "# " heading; start it with a heading or remove it');
      } else if (head.lines > 1 || head.text.length > MAX_TITLE_LENGTH) {
        problem(head.line, 'missing title: after a "---" line comes a one-line title, then a blank line, then the paragraphs');
      } else if (body.length === 0) {
        problem(head.line, `"${quoteTitle(head.text)}" has an empty body; add its paragraphs below the title or remove it`);
      } else {
        articles.push({ title: head.text, paragraphs: body.map((b) => b.text), line: head.line, paragraphLines: body.map((b) => b.line), paragraphSpans: body.map((b) => b.lines) });
      }
    }
  }

  // Explicit forms say where articles start; a short one there is meant. Any form may still hide
  // an article whose heading or separator was forgotten.
  for (const article of articles) suspicions.push(...suspiciousSplits(article, file, { checkLength: form === 'plain' }));
  return { form, articles, problems, suspicions };
}

function splitPlain(blocks: Block[], file: string, articles: DigestArticle[], problems: Problem[]): void {
  const starts = titleStarts(blocks);
  if (!starts.some(Boolean)) {
    problems.push({
      file,
      line: blocks[0].line,
      message:
        'no title line found; each article must start with a one-line title followed by a blank line and a paragraph (or use "# Title" headings, or "---" lines between articles)',
    });
    return;
  }
  let current: DigestArticle | null = null;
  blocks.forEach((block, i) => {
    if (starts[i]) {
      current = { title: block.text, paragraphs: [], line: block.line, paragraphLines: [], paragraphSpans: [] };
      articles.push(current);
      return;
    }
    // A title-like line right before a title, or at the very end, is a title with nothing under it.
    const next = blocks[i + 1];
    const boundary = i === 0 || endsSentence(blocks[i - 1]) || (mayEndArticle(blocks[i - 1]) && isStrongTitle(block));
    const emptyTitle = looksLikeTitle(block) && boundary && (next === undefined || starts[i + 1]);
    if (emptyTitle && (current || i === 0)) {
      problems.push({ file, line: block.line, message: `article "${quoteTitle(block.text)}" has an empty body; add its paragraphs below the title or remove the title` });
      return;
    }
    if (!current) {
      if (i === 0) {
        problems.push({ file, line: block.line, message: 'missing title: the digest starts with a paragraph; add a one-line title above it' });
      }
      return;
    }
    (current as DigestArticle).paragraphs.push(block.text);
    (current as DigestArticle).paragraphLines.push(block.line);
    (current as DigestArticle).paragraphSpans.push(block.lines);
  });
}

/** Splits that may have made an article out of a fragment, or left a title inside a body. */
export function suspiciousSplits(article: DigestArticle, file: string, { checkLength = true } = {}): Problem[] {
  const found: Problem[] = [];
  const title = quoteTitle(article.title);
  const length = article.paragraphs.reduce((sum, p) => sum + p.length, 0);
  if (!checkLength) {
    // only the title-like lines below
  } else if (article.paragraphs.length === 1 && length < SHORT_PARAGRAPH) {
    found.push({ file, line: article.line, message: `"${title}" has a body of one short line (${length} characters): a fragment, or a title missing its article?` });
  } else if (length < SHORT_BODY) {
    found.push({ file, line: article.line, message: `"${title}" is a very short article (${length} characters in ${article.paragraphs.length} ${article.paragraphs.length === 1 ? 'paragraph' : 'paragraphs'}).` });
  }
  const blocks: Block[] = article.paragraphs.map((text, i) => ({ text, line: article.paragraphLines[i], lines: article.paragraphSpans[i] }));
  blocks.forEach((block, i) => {
    const mayStart = i > 0 && mayEndArticle(blocks[i - 1]);
    const next = blocks[i + 1];
    const sentenceNext = next !== undefined && SENTENCE_END.test(next.text) && words(next.text).length >= 5;
    if (looksLikeTitle(block) && (isParagraph(next) || sentenceNext || (mayStart && isStrongTitle(block)))) {
      found.push({ file, line: block.line, message: `"${quoteTitle(block.text)}" looks like a title inside the body of "${title}": two articles run together?` });
    }
  });
  return found;
}
