import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readFrontmatter } from '../../src/lib/content-files.ts';
import { readEntitiesFile } from '../../src/lib/content-schema.ts';
import { entityMatcher, resolveEntities, unknownNames, type EntityDef } from '../../src/lib/entities.ts';

const entities: EntityDef[] = [
  { slug: 'nvidia', kind: 'organisation', name: 'Nvidia', aliases: ['NVIDIA'] },
  { slug: 'us', kind: 'country', name: 'United States', aliases: ['US', 'U.S.'] },
  { slug: 'china', kind: 'country', name: 'China', aliases: [] },
  { slug: 'xi', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] },
  { slug: 'senate', kind: 'organisation', name: 'US Senate', aliases: [] },
  { slug: 'att', kind: 'organisation', name: 'AT&T', aliases: [] },
];
const matcher = entityMatcher(entities);

describe('entityMatcher', () => {
  it('matches names and aliases, reporting each entity once in list order', () => {
    expect(matcher.find('China and NVIDIA; later Nvidia and China again')).toEqual(['nvidia', 'china']);
  });
  it('tells US from us, use, USB and AUSTRALIA', () => {
    expect(matcher.find('tell us how to use USB in AUSTRALIA, thus')).toEqual([]);
    expect(matcher.find('the US said')).toEqual(['us']);
    expect(matcher.find('U.S. officials')).toEqual(['us']);
  });
  it('matches possessives with curly and straight apostrophes', () => {
    expect(matcher.find('China’s plan')).toEqual(['china']);
    expect(matcher.find("Nvidia's chips")).toEqual(['nvidia']);
  });
  it('does not match inside longer words', () => {
    expect(matcher.find('Chinatown and Xiaomi and Nvidias')).toEqual([]);
  });
  it('prefers the longest name: "US Senate" is the Senate, "Xi Jinping" one person', () => {
    expect(matcher.find('The US Senate met')).toEqual(['senate']);
    expect(matcher.find('Xi Jinping spoke; Xi left')).toEqual(['xi']);
  });
  it('is case-sensitive for names', () => {
    expect(matcher.find('china clay and nvidia')).toEqual([]);
  });
  it('matches names with symbols and across line breaks', () => {
    expect(matcher.find('AT&T and Xi\nJinping')).toEqual(['xi', 'att']);
  });
});

const listed: EntityDef[] = [
  { slug: 'us', kind: 'country', name: 'United States', aliases: ['US', 'U.S.', 'American', 'Washington'] },
  { slug: 'china', kind: 'country', name: 'China', aliases: ['Chinese', 'Beijing'] },
  { slug: 'korea', kind: 'country', name: 'South Korea', aliases: ['Korea'] },
  { slug: 'jordan', kind: 'country', name: 'Jordan', aliases: [] },
  { slug: 'georgia', kind: 'country', name: 'Georgia', aliases: [] },
  { slug: 'brazil', kind: 'country', name: 'Brazil', aliases: ['Brazilian'] },
  { slug: 'apple', kind: 'organisation', name: 'Apple', aliases: [] },
  { slug: 'amazon', kind: 'organisation', name: 'Amazon', aliases: [] },
  { slug: 'nvidia', kind: 'organisation', name: 'Nvidia', aliases: ['NVIDIA'] },
  { slug: 'senate', kind: 'organisation', name: 'US Senate', aliases: ['Senate', 'U.S. Senate'] },
  { slug: 'souza', kind: 'organisation', name: 'Souza', aliases: [] },
  { slug: 'brien', kind: 'organisation', name: 'Brien', aliases: [] },
  { slug: 'xi', kind: 'person', name: 'Xi Jinping', aliases: ['Xi'] },
  { slug: 'warner', kind: 'person', name: 'Mark Warner', aliases: ['Warner'] },
  { slug: 'vance', kind: 'person', name: 'JD Vance', aliases: ['Vance'] },
  { slug: 'biden', kind: 'person', name: 'Joe Biden', aliases: ['Biden'] },
  { slug: 'obrien', kind: 'person', name: 'Sean O’Brien', aliases: [] },
];
const names = entityMatcher(listed);
const found = (text: string) => names.find(`Headline\n${text}`);

describe('entityMatcher: a name inside a longer unlisted name', () => {
  it.each([
    ['Time Warner Inc said profit rose.', []],
    ['Shares of Eaton Vance Management fell.', []],
    ['North Korea fired a missile.', []],
    ['Apple Daily printed its last edition.', []],
    ['Bank of China raised capital; China Mobile did not.', []],
    ['Warner-Lambert and O’Brien-Warner merged.', []],
    ['Factories in Xi’an grew.', []],
    ['Gannett publishes USA Today and The Washington Post does not.', []],
    ['Time Warner’s cable unit grew.', []],
    ['a new Nikola\nTesla Museum opened, says American Express Co', []],
    ['Rita D’Souza met Kevin O’Brien and Ann MacBrien.', []],
  ])('%s', (text, want) => {
    expect(found(text)).toEqual(want);
  });
});

describe('entityMatcher: names beside titles, institutions and other names', () => {
  it.each([
    ['Chinese President Xi Jinping met Nvidia CEO Jensen Huang.', ['china', 'nvidia', 'xi']],
    ['Vice President JD Vance and Senator Mark Warner spoke.', ['warner', 'vance']],
    ['The Chinese Foreign Ministry protested; the Senate Intelligence Committee met.', ['china', 'senate']],
    ['Apple Inc and Nvidia Corp said so.', ['apple', 'nvidia']],
    ['US-China talks on Sino-US trade and China-based firms.', ['us', 'china']],
    ['U.S. officials and the U.S. Senate agreed.', ['us', 'senate']],
    ['The US said so. But China disagreed. In Washington, nobody spoke.', ['us', 'china']],
    ['Brazil’s plan and Nvidia\'s chips.', ['brazil', 'nvidia']],
    ['Trade data showed Korea’s exports rose.', ['korea']],
    ['Sean O\'Brien spoke.', ['obrien']],
  ])('%s', (text, want) => {
    expect(found(text)).toEqual(want);
  });
});

describe('entityMatcher: context that makes a name something else', () => {
  it('reads a line in capitals as a headline, where only listed capitals can match', () => {
    expect(names.find('NVIDIA SAYS U.S. CURBS TO HIT CHINA SALES\nThe rules came on Tuesday.')).toEqual(['us', 'nvidia']);
  });
  it('does not give the US Senate to another country’s senate', () => {
    expect(found('Brazil’s Senate approved the bill. The Brazilian Senate vote was close.')).toEqual(['brazil']);
    expect(found('The Senate voted on Tuesday.')).toEqual(['senate']);
  });
  it('reads a name first seen inside an unlisted name as its short form', () => {
    expect(found('Sneakers worn by Michael Jordan sold. Jordan wore them in 1984.')).toEqual([]);
    expect(found('Jordan wore them in 1984, said a friend of Michael Jordan.')).toEqual([]);
    expect(found('King Abdullah of Jordan met officials. Jordan’s economy grew.')).toEqual(['jordan']);
  });
  it('does not take a sentence-initial word for part of a name', () => {
    expect(found('Previous Amazon devices sold well. Amazon said so.')).toEqual(['amazon']);
  });
  it('tells the Amazon river and the US state of Georgia from the company and the country', () => {
    expect(found('Villages in the Amazon basin and on the Amazon River are cut off.')).toEqual([]);
    expect(found('Amazon will build data centres in the state of Georgia.')).toEqual(['amazon']);
    expect(names.find('Amazon to build data centres in Georgia\nAmazon will build them in the US state of Georgia.')).toEqual(['us', 'amazon']);
  });
});

describe('entityMatcher on wire copy', () => {
  it.each([
    ['a loan of 300 mln U.S. Dlrs to finance a terminal', ['us']],
    ['The U.S. And Brazil, the largest coffee importer, disagreed.', ['us', 'brazil']],
    ['the U.S. District Court for Delaware ruled', ['us']],
    ['Mobil Oil Corp of U.S. plans an office', ['us']],
    ['the U.S. Department of Transportation said', ['us']],
    ['at average U.S. producing\nlocations.\n\nAdjustments --\n1.80\nAverage U.S. location 0.53', ['us']],
    ['China\'s wheat crop is threatened in\nNorth China, the New China News Agency said.', ['china']],
    ['Marvin Warner, the owner of Home State, was jailed. Warner appealed.', []],
    ['Shares of Time\nWarner rose.', []],
    ['rumors drove American\nExpress shares up', []],
  ])('%s', (text, want) => {
    expect(found(text)).toEqual(want);
  });
  it('reads a capitals headline with a ticker and a date as a headline', () => {
    expect(names.find('BAYER &lt;BAYRY> MAKES U.S. ACQUISITION - March 3\nBayer AG said it bought a firm.')).toEqual(['us']);
  });
});

describe('entityMatcher: first reference', () => {
  it('does not link a person by the surname alone', () => {
    expect(found('Vance said tariffs would help. Warner agreed. Xi did not.')).toEqual([]);
  });
  it('links the surname after the full name, and the full name wherever it comes', () => {
    expect(found('JD Vance spoke in Ohio. Vance said tariffs would help.')).toEqual(['vance']);
    expect(found('Vance said tariffs would help, JD Vance told workers.')).toEqual(['vance']);
  });
  it('lets a headline use the surname when the text gives the full name', () => {
    expect(names.find('Xi meets Biden\nXi Jinping met Joe Biden on Saturday.')).toEqual(['xi', 'biden']);
    expect(names.find('Xi meets Biden\nThe two leaders met on Saturday.')).toEqual([]);
  });
  it('reads "the Biden administration" as naming the president', () => {
    expect(found('The Biden administration announced rules.')).toEqual(['biden']);
  });
  it('does not count a full name of someone else that ends in the surname', () => {
    expect(found('Eaton Vance Corp said Vance would retire.')).toEqual([]);
  });
});

/** Entities of the seed articles, checked by reading each article. */
const SEED_ENTITIES: Record<string, string[]> = YAML.parse(readFileSync(new URL('../fixtures/entity-labels/seed-entities.yaml', import.meta.url), 'utf8'));

describe('entityMatcher on the seed articles of content/', () => {
  const root = new URL('../../content/', import.meta.url);
  const site = entityMatcher(
    readEntitiesFile(fileURLToPath(new URL('entities.yaml', root))).map((e) => ({ slug: e.id, kind: e.kind, name: e.name, aliases: e.aliases })),
  );
  it.each(Object.entries(SEED_ENTITIES))('%s', (slug, want) => {
    const file = readdirSync(new URL('articles/', root)).find((name) => name === `${slug}.md`);
    expect(file, `content/articles/${slug}.md`).toBeDefined();
    const source = readFileSync(new URL(`articles/${file}`, root), 'utf8');
    const title = String(readFrontmatter(source).title);
    const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(site.find(`${title}\n${body}`).sort()).toEqual([...want].sort());
  });
});

describe('resolveEntities', () => {
  it('adds and removes frontmatter corrections', () => {
    expect(resolveEntities(['a', 'b'], ['c', 'a'], ['b'])).toEqual(['a', 'c']);
  });
});

describe('unknownNames', () => {
  it('reports capitalised names and acronyms that are not on the list', () => {
    const text = 'Wang Shouwen met Jay Puri in Beijing. The AIDC unit grew. Nvidia said so on Monday.';
    const names = unknownNames(text, new Set(['Nvidia'])).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['Wang Shouwen', 'Jay Puri', 'Beijing', 'AIDC']));
    expect(names).not.toContain('Nvidia');
    expect(names).not.toContain('The');
    expect(names).not.toContain('Monday');
  });
  it('keeps names with apostrophes and hyphens whole', () => {
    const text = 'Talks with Fintan O’Sullivan, Rita D’Souza, Jean-Claude Juncker and Conan O\'Brien. Later O’Sullivan’s aide left.';
    const names = unknownNames(text, new Set()).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['Fintan O’Sullivan', 'Rita D’Souza', 'Jean-Claude Juncker', "Conan O'Brien", 'O’Sullivan']));
    for (const part of ['Sullivan', 'Souza', 'Brien', 'Claude', 'Jean', 'O']) expect(names).not.toContain(part);
  });
  it('does not report ordinary words that start a sentence', () => {
    const text = 'Previous Huawei chips failed. Analysts expect more. Shares fell. Earlier, Jay Puri spoke. Separately Wang Shouwen left.';
    const names = unknownNames(text, new Set(['Huawei'])).map((entry) => entry.name);
    expect(names.sort()).toEqual(['Jay Puri', 'Wang Shouwen']);
  });
  it('reports an unlisted name that ends in a listed one, and splits runs at job titles', () => {
    const text = 'Shares of Time Warner rose, said Nvidia CEO Jensen Huang, as the Chinese Foreign Ministry and Apple Inc watched.';
    const names = unknownNames(text, new Set(['Warner', 'Nvidia', 'Chinese', 'Apple'])).map((entry) => entry.name);
    expect(names.sort()).toEqual(['Jensen Huang', 'Time Warner']);
  });
  it('reads wire copy: wrapped lines, "and" inside a name, dates and units, listed abbreviations', () => {
    const text =
      'QUAKER OATS SETS OFFERING\nThe Securities and Exchange Commission cleared the\nQuaker Oats Co offering, said the International Monetary\nFund and the Company. Salomon Brothers Inc and Jean Dupont agreed.\nPay April 1, Record March 15.\nIt paid 10 mln U.S. Dlrs in Dec.';
    const names = unknownNames(text, new Set(['U.S.'])).map((entry) => entry.name);
    expect(names.sort()).toEqual(['International Monetary Fund', 'Jean Dupont', 'Quaker Oats Co', 'Salomon Brothers Inc', 'Securities and Exchange Commission']);
  });
  it('skips headlines in capitals', () => {
    const names = unknownNames('STANDARD OIL TO FORM FINANCIAL UNIT\nThe company said Standard Oil Co would form it.', new Set()).map((e) => e.name);
    expect(names).toEqual(['Standard Oil Co']);
  });
  it('does not report compounds that are adjectives or made of listed names', () => {
    const text = 'A Chinese-made camera and a China-linked group used CPU-based tools, US-China talks said, and Jean-Claude Juncker agreed.';
    const names = unknownNames(text, new Set(['China', 'US'])).map((entry) => entry.name);
    expect(names).toEqual(['Jean-Claude Juncker']);
  });
  it('counts repeats', () => {
    expect(unknownNames('We met Jay Puri. Later, Jay Puri left.', new Set())).toEqual([{ name: 'Jay Puri', count: 2 }]);
  });
});
