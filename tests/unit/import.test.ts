import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { importDigest, type ImportOptions } from '../../scripts/import.ts';
import { readFrontmatter } from '../../src/lib/content-files.ts';
import { DigestError } from '../../src/lib/digest.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const fixtures = join(root, 'tests/fixtures');
const dirs: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function options(overrides: Partial<ImportOptions> = {}): ImportOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    inputs: [join(fixtures, 'china-tech-digest.txt')],
    date: '2024-11-22',
    out: join(temp('import-'), 'articles'),
    topicsFile: join(root, 'content/topics.yaml'),
    entitiesFile: join(root, 'content/entities.yaml'),
    force: false,
    dryRun: false,
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

function failure(opts: ImportOptions): DigestError {
  try {
    importDigest(opts);
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

/** A folder holding copies of the named one-article fixtures. */
function folderOf(...names: string[]): string {
  const dir = temp('articles-in-');
  for (const name of names) cpSync(join(fixtures, 'one-article', name), join(dir, name));
  return dir;
}

const written = (dir: string) => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('importDigest on the seed', () => {
  it('writes the same files as the committed seed articles', () => {
    const opts = options();
    expect(importDigest(opts).written).toHaveLength(10);
    for (const name of readdirSync(opts.out)) {
      // Bylines and lead images are added to the seed by hand, after import.
      const seed = readFileSync(join(root, 'content/articles', name), 'utf8')
        .replace(/^authors: \[.*\]\n/m, '')
        .replace(/^image:\n(?: {2}.*\n)+/m, '');
      expect(readFileSync(join(opts.out, name), 'utf8'), name).toBe(seed);
    }
  });

  it('never overwrites an existing article unless forced', () => {
    const opts = options();
    importDigest(opts);
    const file = join(opts.out, 'tiktok-faces-divestment-deadline-in-the-us.md');
    writeFileSync(file, 'edited by hand');
    const again = options({ out: opts.out });
    expect(importDigest(again).skipped).toHaveLength(10);
    expect(readFileSync(file, 'utf8')).toBe('edited by hand');
    expect(importDigest(options({ out: opts.out, force: true })).written).toHaveLength(10);
    expect(readFileSync(file, 'utf8')).toMatch(/^---\ntitle: TikTok faces divestment deadline in the US/);
  });

  it('refuses a date that does not exist', () => {
    expect(() => importDigest(options({ date: '2024-02-30' }))).toThrow(/not a real calendar date/);
  });
});

describe('every problem in one run', () => {
  it('lists all problems of several files with file:line, then a count, and writes nothing', () => {
    const opts = options({
      inputs: [join(root, 'tests/bad-input/digests/many-problems.txt'), join(root, 'tests/bad-input/digests/latin1.txt')],
    });
    const error = failure(opts);
    const lines = error.message.split('\n');
    expect(lines.at(-1)).toBe('7 problems in 2 files; nothing was written');
    expect(lines.slice(0, -1).map((line) => line.replace(/^.*tests\/bad-input\/digests\//, '').replace(/: .*/, ''))).toEqual([
      'many-problems.txt:1',
      'many-problems.txt:5',
      'many-problems.txt:9',
      'many-problems.txt:11',
      'many-problems.txt:15',
      'many-problems.txt:15',
      'latin1.txt:1',
    ]);
    expect(error.message).toMatch(/many-problems\.txt:5: &#99999999; is not a character/);
    expect(error.message).toMatch(/many-problems\.txt:15: title "Regulator fines telecom operator over emergency call outage" gives the same URL as the article at line 1/);
    expect(error.message).toMatch(/latin1\.txt:1: the file is not valid UTF-8; save it as UTF-8 text and import again \(byte 3, 0xe9/);
    expect(written(opts.out)).toEqual([]);
  });

  it('lists every article without a topic, and writes nothing', () => {
    const opts = options({ inputs: [join(fixtures, 'digests/off-topic.txt')] });
    const error = failure(opts);
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'no topic for "City wins the derby at last"; no topic keyword occurs in it'],
      [9, 'no topic for "Storms bring a wet weekend to the coast"; no topic keyword occurs in it'],
    ]);
    expect(opts.lines).toContain('2 articles have no topic: give --topic a,b for this run, or add keywords to ' + opts.topicsFile);
    expect(written(opts.out)).toEqual([]);
  });
});

describe('suspicious splits', () => {
  const digest = () => {
    const file = join(temp('digest-'), 'briefs.txt');
    writeFileSync(
      file,
      'Chip plant approved after long review\n\nThe planning board approved the chip plant on Friday after a long review of its water use and traffic.\n\nWork starts in May, the company said, and the plant should open in 2027.\n\nChip subsidy talks stall\n\nTalks on a second round of chip subsidies stalled.\n',
    );
    return file;
  };

  it('are listed with file:line by a dry run and refused without --allow-short', () => {
    const opts = options({ inputs: [digest()], dryRun: true });
    const error = failure(opts);
    expect(error.problems).toEqual([
      {
        file: expect.stringMatching(/briefs\.txt$/),
        line: 7,
        message: '"Chip subsidy talks stall" looks like a title inside the body of "Chip plant approved after long review": two articles run together? Check the split; --allow-short imports it as it is.',
      },
    ]);
    expect(written(opts.out)).toEqual([]);
  });

  it('are imported as they are with --allow-short, and still listed', () => {
    const opts = options({ inputs: [digest()], allowShort: true });
    expect(importDigest(opts).written).toHaveLength(1);
    expect(opts.lines).toContainEqual(expect.stringMatching(/^confirmed \(--allow-short\): .*briefs\.txt:7: "Chip subsidy talks stall" looks like a title/));
  });
});

describe('folders of one-article files', () => {
  it('dates each file from its name, decodes character references and imports a repeated text once', () => {
    const dir = folderOf('2024-11-20-export-bill.txt', '2024-11-22-export-bill-again.txt', '2024-11-21-sharp-results.txt');
    writeFileSync(join(dir, 'README.txt'), 'Notes for the editor; not an article.\n');
    const opts = options({ inputs: [dir], date: undefined, topics: ['trade'] });
    const result = importDigest(opts);
    expect(written(opts.out)).toEqual(['senators-introduce-export-licensing-reform-bill.md', 'sharp-shrp-1st-qtr-net.md']);
    expect(result.written).toHaveLength(2);
    const bill = readFrontmatter(readFileSync(join(opts.out, 'senators-introduce-export-licensing-reform-bill.md'), 'utf8'));
    expect(bill.date).toBe('2024-11-20');
    expect(bill.topics).toEqual(['trade']);
    const sharp = readFileSync(join(opts.out, 'sharp-shrp-1st-qtr-net.md'), 'utf8');
    expect(readFrontmatter(sharp).title).toBe('SHARP <SHRP> 1ST QTR NET');
    expect(readFrontmatter(sharp).date).toBe('2024-11-21');
    expect(sharp).not.toMatch(/&#|&lt;|&amp;/);
    expect(opts.lines).toContainEqual(expect.stringMatching(/2024-11-21-sharp-results\.txt: decoded 1 HTML character reference$/));
    expect(opts.lines).toContainEqual(expect.stringMatching(/2024-11-22-export-bill-again\.txt:1: the same text as .*2024-11-20-export-bill\.txt:1; imported once$/));
    expect(opts.lines.at(-1)).toMatch(/^2 written, 0 skipped, from 2 articles in 3 files \(1 repeated text imported once\)$/);
  });

  it('refuses a folder with a Latin-1 file and an undated file, naming each, and writes nothing', () => {
    const opts = options({ inputs: [join(fixtures, 'one-article')], date: undefined });
    const error = failure(opts);
    const messages = error.problems.map((p) => `${p.file.replace(/.*\//, '')}:${p.line}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^2024-11-22-latin1\.txt:1: the file is not valid UTF-8; .*\(byte 3, 0xe9/));
    expect(messages).toContainEqual('undated-visit.txt:1: --date is required: its name does not start with a date (YYYY-MM-DD-...)');
    expect(written(opts.out)).toEqual([]);
  });

  it('numbers a different text under a title another file already has', () => {
    const dir = folderOf('2024-11-20-export-bill.txt');
    writeFileSync(join(dir, '2024-11-21-export-bill-update.txt'), 'SENATORS INTRODUCE EXPORT LICENSING REFORM BILL\n\nThe bill now has 20 sponsors in the Senate, its authors said on Friday.\n');
    const opts = options({ inputs: [dir], date: undefined, topics: ['trade'] });
    importDigest(opts);
    expect(written(opts.out)).toEqual(['senators-introduce-export-licensing-reform-bill-2.md', 'senators-introduce-export-licensing-reform-bill.md']);
    const second = readFrontmatter(readFileSync(join(opts.out, 'senators-introduce-export-licensing-reform-bill-2.md'), 'utf8'));
    expect(second.title).toBe('SENATORS INTRODUCE EXPORT LICENSING REFORM BILL (2)');
    expect(opts.lines).toContainEqual(expect.stringMatching(/export-bill-update\.txt:1: "SENATORS INTRODUCE EXPORT LICENSING REFORM BILL" is also the title of .*export-bill\.txt:1 \(a different text\); imported as "SENATORS INTRODUCE EXPORT LICENSING REFORM BILL \(2\)"$/));
  });

  it('reads a digest and a folder in one run', () => {
    const opts = options({ inputs: [join(fixtures, 'digests/messy-plain.txt'), folderOf('2024-11-20-export-bill.txt')], topics: ['trade'] });
    expect(importDigest(opts).written).toHaveLength(5);
  });
});

describe('character references', () => {
  it('are decoded in plain text and counted per file', () => {
    const opts = options({ inputs: [join(fixtures, 'digests/html-references.txt')], topics: ['platforms'] });
    importDigest(opts);
    const [name] = written(opts.out);
    const text = readFileSync(join(opts.out, name), 'utf8');
    expect(readFrontmatter(text).title).toBe('Tax on digital services raised to 5%');
    expect(text).toContain('AT&T’s streaming arm and Café Online <CAFE> paid too little');
    expect(text).toContain('£400 million');
    expect(text).not.toMatch(/&#|&lt;|&amp;|&eacute;/);
    expect(opts.lines).toContainEqual(expect.stringMatching(/html-references\.txt: decoded 10 HTML character references$/));
  });
});

describe('--topic', () => {
  it('sets the topics of every article of the run', () => {
    const opts = options({ inputs: [join(fixtures, 'digests/off-topic.txt')], topics: ['chips', 'trade'] });
    importDigest(opts);
    for (const name of written(opts.out)) {
      expect(readFrontmatter(readFileSync(join(opts.out, name), 'utf8')).topics, name).toEqual(['chips', 'trade']);
    }
    expect(written(opts.out)).toHaveLength(3);
  });

  it('refuses a topic that content/topics.yaml does not define', () => {
    expect(() => importDigest(options({ topics: ['chips', 'sport'] }))).toThrow(/--topic: unknown topic "sport"; use one of: chips, ai,/);
  });
});

describe('the command', () => {
  it('exits non-zero, lists the problems on stderr and writes nothing', async () => {
    const out = join(temp('cli-'), 'articles');
    const failed = (await run(
      process.execPath,
      ['scripts/import.ts', 'tests/bad-input/digests/many-problems.txt', '--date', '2024-11-22', '--out', out],
      { cwd: root },
    ).catch((error) => error)) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^import: tests\/bad-input\/digests\/many-problems\.txt:1: /);
    expect(failed.stderr.trim().split('\n').at(-1)).toBe('6 problems in 1 file; nothing was written');
    expect(written(out)).toEqual([]);
  });

  it('names the files that need --date', async () => {
    const failed = (await run(process.execPath, ['scripts/import.ts', 'tests/fixtures/digests/messy-plain.txt', '--dry-run'], { cwd: root }).catch(
      (error) => error,
    )) as { code: number; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('tests/fixtures/digests/messy-plain.txt:1: --date is required: a digest has no date of its own');
  });
});
