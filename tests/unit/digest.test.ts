import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeCharacterReferences } from '../../src/lib/char-refs.ts';
import { decodeDigest, DigestError, looksLikeTitle, splitDigest } from '../../src/lib/digest.ts';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
/** Real wire stories (tests/fixtures/reuters-1987/README.txt). */
const REUTERS = fileURLToPath(new URL('../fixtures/reuters-1987/first-200/', import.meta.url));

function errorOf(fn: () => unknown): DigestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected a DigestError');
}

const para = (words: string) => `${words} said the ministry in a statement on Monday, adding that the rules would apply from January.`;

describe('splitDigest, plain form', () => {
  it('splits titles and paragraphs with line numbers', () => {
    const text = `First title here\n\n${para('One')}\n\n${para('Two')}\n\nSecond title here\n\n${para('Three')}\n`;
    const result = splitDigest(text, 'd.txt');
    expect(result.form).toBe('plain');
    expect(result.problems).toEqual([]);
    expect(result.articles.map((a) => [a.title, a.line, a.paragraphLines])).toEqual([
      ['First title here', 1, [3, 5]],
      ['Second title here', 7, [9]],
    ]);
  });

  it('reads the seed as ten articles', () => {
    const { articles, problems, suspicions } = splitDigest(read('china-tech-digest.txt'), 'seed');
    expect(problems).toEqual([]);
    expect(suspicions).toEqual([]);
    expect(articles).toHaveLength(10);
    expect(articles[0].title).toBe('China’s vice commerce minister meets Nvidia executive');
    expect(articles.at(-1)?.title).toBe('US lawmakers to probe China’s role in telecom breaches');
  });

  it('keeps results lists, quotes without a full stop, figures and one-word lines inside their article', () => {
    const { articles, problems, suspicions } = splitDigest(read('digests/messy-plain.txt'), 'messy-plain.txt');
    expect(problems).toEqual([]);
    expect(suspicions).toEqual([]);
    expect(articles.map((a) => a.title)).toEqual(read('digests/messy-plain.titles').trim().split('\n'));
    const chipWar = articles[1];
    expect(chipWar.paragraphs).toContain('“We will keep our controls where they are,” a Commerce Department official said');
    expect(chipWar.paragraphs).toContain('Results');
    expect(articles[2].paragraphs.at(-1)).toBe('Net 807,000 vs 2,858,000 Revs 12.4 mln vs 11.9 mln');
    expect(articles[3].paragraphs).toContain('Update');
  });

  it('accepts titles ending in ?, ! and …', () => {
    for (const title of ['Is the chip war over?', 'Licence granted at last!', 'Regulator opens inquiry into data transfers…']) {
      expect(looksLikeTitle({ text: title, lines: 1 }), title).toBe(true);
    }
  });

  it('does not take a sentence, a quote, a list item, figures or a one-word line for a title', () => {
    for (const text of [
      'The FCC fined the maker.',
      '“We will keep our controls,” an official said',
      '1. Vodafone 410 million euros',
      'Net 807,000 vs 2,858,000',
      'Revs 92.2 mln vs 77.4 mln',
      'Results',
      'Six mths',
      'It rained. Then the court ruled',
    ]) {
      expect(looksLikeTitle({ text, lines: 1 }), text).toBe(false);
    }
  });

  it('does not split a paragraph cut in the middle at a title-like line', () => {
    const text = `Court hears chip export appeal\n\n${para('Lawyers')}\n\nThe judges, who heard arguments for three hours and asked few questions of either side\n\nNo ruling is expected before March\n\n${para('A clerk')}\n`;
    const { articles } = splitDigest(text, 'd.txt');
    expect(articles.map((a) => a.title)).toEqual(['Court hears chip export appeal']);
  });

  it('lists every problem of a digest, each with its line', () => {
    const text = `Just a paragraph before any title, which ends like a sentence.\n\nA title with its article\n\n${para('One')}\n\nTitle with nothing under it\n\nAnother title with its article\n\n${para('Two')}\n\nAnd a last title alone\n`;
    const { problems } = splitDigest(text, 'd.txt');
    expect(problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [1, 'missing title'],
      [7, 'article "Title with nothing under it" has an empty body; add its paragraphs below the title or remove the title'],
      [13, 'article "And a last title alone" has an empty body; add its paragraphs below the title or remove the title'],
    ]);
  });

  it('fails on a digest without any title, and on an empty one', () => {
    expect(splitDigest('Just prose. Nothing else.\n\nMore prose.', 'd.txt').problems[0].message).toMatch(/^no title line found/);
    expect(splitDigest('\n \n', 'd.txt').problems[0].message).toMatch(/empty/);
  });
});

describe('suspicious splits', () => {
  it('lists a very short article, a one-line body and a title-like line inside a body, with lines', () => {
    const { suspicions, problems } = splitDigest(read('digests/suspicious.txt'), 'suspicious.txt');
    expect(problems.map((p) => p.line)).toEqual([7]);
    expect(suspicions.map((s) => [s.line, s.message.replace(/^"[^"]*" /, '')])).toEqual([
      [13, 'looks like a title inside the body of "Operators must report outages within an hour": two articles run together?'],
    ]);
    const oneLine = splitDigest(`Chip plant approved after long review\n\n${para('Work')}\n\nSecond title on chips\n\n${'The board approved a chip plant on Friday after a review, the mayor said.'}`, 'd.txt');
    // Too short to be an article's first paragraph: the title stays in the body above, and is listed.
    expect(oneLine.articles).toHaveLength(1);
    expect(oneLine.suspicions.map((s) => s.line)).toEqual([5]);
    const short = splitDigest(`Chip plant approved after long review\n\n${para('Work')}\n\n${para('More')}\n\nSecond title on chips\n\n${para('Short')}`, 'd.txt');
    expect(short.suspicions.map((s) => [s.line, s.message])).toEqual([
      [7, '"Second title on chips" has a body of one short line (97 characters): a fragment, or a title missing its article?'],
    ]);
    const brief = splitDigest(`Chip plant approved after long review\n\n${para('Work')}\n\n${para('More')}\n\nSecond title on chips\n\nThe planning board approved the chip plant on Friday after a review of its water use.\n\nWork starts in May.`, 'd.txt');
    expect(brief.suspicions.map((s) => [s.line, s.message])).toEqual([[7, '"Second title on chips" is a very short article (104 characters in 2 paragraphs).']]);
  });
});

describe('splitDigest, explicit forms', () => {
  it('splits on Markdown headings and --- lines, trusting short articles there', () => {
    const { articles, problems, suspicions, form } = splitDigest(read('digests/explicit-forms.txt'), 'explicit-forms.txt');
    expect(form).toBe('headings');
    expect(problems).toEqual([]);
    expect(suspicions).toEqual([]);
    expect(articles.map((a) => a.title)).toEqual(read('digests/explicit-forms.titles').trim().split('\n'));
    expect(articles[0].paragraphs).toEqual([expect.stringMatching(/^The Senate passed/), 'Vote', '71 to 29']);
  });

  it('refuses text before the first heading and a heading without a body', () => {
    const { problems } = splitDigest('Stray text\n\n# A title\n\nBody.\n\n# Empty one\n', 'd.md');
    expect(problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [1, 'text before the first "# " hea'],
      [7, '"Empty one" has an empty body;'],
    ]);
  });

  it('takes the first line of a --- section as its title', () => {
    const { articles, form } = splitDigest('One title\n\nShort body\n---\nTwo title\n\nAnother\n', 'd.txt');
    expect(form).toBe('separators');
    expect(articles.map((a) => [a.title, a.paragraphs])).toEqual([
      ['One title', ['Short body']],
      ['Two title', ['Another']],
    ]);
  });
});

describe('one-article files', () => {
  it('takes the first line as the title, whatever its form, and the rest as the body', () => {
    const text = decodeCharacterReferences(read('one-article/2024-11-21-sharp-results.txt')).text;
    const { articles, problems, suspicions } = splitDigest(text, 'x.txt', { oneArticle: true });
    expect(problems).toEqual([]);
    expect(suspicions).toEqual([]);
    expect(articles).toEqual([
      {
        title: 'SHARP <SHRP> 1ST QTR NET',
        line: 1,
        paragraphs: ['Shr 10 cts vs 12 cts Net 807,000 vs 2,858,000 Revs 12.4 mln vs 11.9 mln', 'Six mths', 'Shr 22 cts vs 25 cts'],
        paragraphLines: [3, 7, 9],
        paragraphSpans: [3, 1, 1],
      },
    ]);
  });

  it('refuses a file with a title and no body', () => {
    expect(splitDigest('Only a title\n', 'x.txt', { oneArticle: true }).problems[0]).toEqual({
      file: 'x.txt',
      line: 1,
      message: '"Only a title" has no body; add its paragraphs below the title',
    });
  });
});

describe('decodeDigest', () => {
  it('strips a byte-order mark', () => {
    expect(decodeDigest(new TextEncoder().encode('\uFEFFTitle'), 'd.txt')).toBe('Title');
  });
  it('refuses binary files', () => {
    expect(errorOf(() => decodeDigest(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'x.zip')).message).toMatch(/not a text file/);
  });
  it('names the byte offset and line of the first byte that is not UTF-8', () => {
    const error = errorOf(() => decodeDigest(readFileSync(fixture('one-article/2024-11-22-latin1.txt')), 'latin1.txt'));
    expect(error.problems).toEqual([
      {
        file: 'latin1.txt',
        line: 1,
        message:
          'the file is not valid UTF-8; save it as UTF-8 text and import again (byte 3, 0xe9, is not UTF-8; 2 such bytes in all; it looks like Latin-1 or Windows-1252)',
      },
    ]);
    const later = errorOf(() => decodeDigest(new Uint8Array([...new TextEncoder().encode('Title\n\nCaf'), 0xe9, 0x0a]), 'd.txt'));
    expect(later.problems[0].line).toBe(3);
    expect(later.problems[0].message).toMatch(/byte 10, 0xe9/);
  });
  it('accepts every valid UTF-8 sequence', () => {
    expect(decodeDigest(new TextEncoder().encode('héllo € 😀 ✓'), 'd.txt')).toBe('héllo € 😀 ✓');
  });
});

interface Tally {
  titles: number;
  found: number;
  wrong: number;
  missed: number;
}

function tally(text: string, truth: readonly string[]): Tally {
  const found = splitDigest(text, 'labelled').articles.map((a) => a.title);
  const real = new Set(truth);
  const wrong = found.filter((title) => !real.has(title)).length;
  return { titles: truth.length, found: found.length, wrong, missed: truth.length - (found.length - wrong) };
}

function report(name: string, t: Tally): string {
  const precision = t.found === 0 ? 0 : (t.found - t.wrong) / t.found;
  return `${name}: ${t.titles} true titles, ${t.found} splits, ${t.wrong} wrong, ${t.missed} missed; precision ${(precision * 100).toFixed(1)}%, recall ${(((t.titles - t.missed) / t.titles) * 100).toFixed(1)}%`;
}

describe('splitting precision on labelled digests', () => {
  it('makes no wrong split on the messy fixtures', () => {
    const sets = ['messy-plain', 'explicit-forms'].map((name) => ({
      name,
      t: tally(read(`digests/${name}.txt`), read(`digests/${name}.titles`).trim().split('\n')),
    }));
    for (const { name, t } of sets) {
      console.log(report(name, t));
      expect(t.wrong, name).toBe(0);
      expect(t.missed, name).toBe(0);
    }
  });

  it('makes no wrong split on 200 wire stories run together as one plain digest', () => {
    const files = readdirSync(REUTERS).filter((name) => /^\d{4}-/.test(name)).sort();
    expect(files).toHaveLength(200);
    const stories = files.map((name) => decodeCharacterReferences(readFileSync(REUTERS + name, 'utf8')).text.trim());
    const t = tally(stories.join('\n\n'), stories.map((story) => story.split('\n')[0]));
    console.log(report('200 wire stories as one digest', t));
    expect(t.wrong).toBe(0);
    // Missed titles are stories whose first paragraph is a table of figures; each is listed as a suspicion.
    const { suspicions } = splitDigest(stories.join('\n\n'), 'wire');
    expect(suspicions.filter((s) => s.message.includes('looks like a title inside')).length).toBeGreaterThanOrEqual(t.missed * 0.9);
  });
});
