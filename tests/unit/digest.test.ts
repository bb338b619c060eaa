import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigest, DigestError, isTitle, splitDigest } from '../../src/lib/digest.ts';

const seedPath = new URL('../fixtures/china-tech-digest.txt', import.meta.url);

function errorOf(fn: () => unknown): DigestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected a DigestError');
}

describe('splitDigest', () => {
  it('splits a digest into titles and paragraphs with line numbers', () => {
    const text = 'First title\n\nPara one.\n\nPara two.\n\nSecond title\n\nOnly para.\n';
    expect(splitDigest(text)).toEqual([
      { title: 'First title', paragraphs: ['Para one.', 'Para two.'], line: 1 },
      { title: 'Second title', paragraphs: ['Only para.'], line: 7 },
    ]);
  });
  it('accepts CRLF line ends and surrounding blank lines', () => {
    const text = '\r\n\r\nTitle here\r\n\r\nBody text.\r\n\r\n';
    expect(splitDigest(text)).toEqual([{ title: 'Title here', paragraphs: ['Body text.'], line: 3 }]);
  });
  it('reads the seed as ten articles', () => {
    const articles = splitDigest(readFileSync(seedPath, 'utf8'));
    expect(articles).toHaveLength(10);
    expect(articles[0].title).toBe('China’s vice commerce minister meets Nvidia executive');
    expect(articles.every((article) => article.paragraphs.length >= 2)).toBe(true);
    expect(articles.at(-1)?.title).toBe('US lawmakers to probe China’s role in telecom breaches');
  });
  it('fails on a digest that starts with a paragraph, naming the line', () => {
    const error = errorOf(() => splitDigest('\nThis is a paragraph. It ends with a stop.\n\nTitle\n\nBody.', 'd.txt'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^d\.txt:2: missing title/);
  });
  it('fails on a title with an empty body, naming its line', () => {
    const error = errorOf(() => splitDigest('Title one\n\nBody.\n\nTitle two\n\nTitle three\n\nBody.', 'd.txt'));
    expect(error.line).toBe(5);
    expect(error.message).toContain('"Title two" has an empty body');
  });
  it('fails on a digest without any title', () => {
    expect(errorOf(() => splitDigest('Just prose. Nothing else.\n\nMore prose.', 'd.txt')).message).toMatch(/no title line/);
  });
  it('fails on an empty digest', () => {
    expect(errorOf(() => splitDigest('\n \n', 'd.txt')).message).toMatch(/empty/);
  });
});

describe('isTitle', () => {
  it('tells titles from sentences', () => {
    expect(isTitle({ text: 'Global south needs better AI access, says Xi', lines: 1 })).toBe(true);
    expect(isTitle({ text: 'The FCC fined the maker.', lines: 1 })).toBe(false);
    expect(isTitle({ text: 'He said, “No.”', lines: 1 })).toBe(false);
    expect(isTitle({ text: 'Title', lines: 2 })).toBe(false);
  });
});

describe('decodeDigest', () => {
  it('strips a byte-order mark', () => {
    expect(decodeDigest(new TextEncoder().encode('\uFEFFTitle'), 'd.txt')).toBe('Title');
  });
  it('refuses binary files', () => {
    expect(errorOf(() => decodeDigest(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'x.zip')).message).toMatch(/not a text file/);
  });
  it('refuses text that is not UTF-8 and names the line', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('Title\n\nCaf'), 0xe9, 0x0a]);
    const error = errorOf(() => decodeDigest(latin1, 'latin1.txt'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/not valid UTF-8/);
  });
});
