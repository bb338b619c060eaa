/**
 * Entities (organisations, people, countries) found in article text. One combined pattern scans
 * each text once, whatever the length of the list. Names match whole words with the exact
 * capitalisation of content/entities.yaml (its aliases spell out the variants, such as NVIDIA),
 * so "US" never matches "us" or "USB", and a possessive (China’s, Huawei's) still matches.
 */

export const ENTITY_KINDS = ['organisation', 'person', 'country'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const KIND_LABELS: Record<EntityKind, { singular: string; plural: string }> = {
  organisation: { singular: 'Organisation', plural: 'Organisations' },
  person: { singular: 'Person', plural: 'People' },
  country: { singular: 'Country', plural: 'Countries' },
};

export interface EntityDef {
  slug: string;
  kind: EntityKind;
  name: string;
  aliases: readonly string[];
  description?: string;
}

const WORD = '[\\p{L}\\p{N}]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Curly and straight apostrophes are the same character to a reader. */
function apostrophes(text: string): string {
  return text.replace(/[\u2019']/g, "['\u2019]");
}

export interface EntityMatcher {
  /** Slugs of the entities named in the text, in the order of the entity list. */
  find(text: string): string[];
  /** Every alias and name the matcher knows, for the importer's report. */
  terms: ReadonlySet<string>;
}

export function entityMatcher(entities: readonly EntityDef[]): EntityMatcher {
  const bySurface = new Map<string, string>();
  for (const entity of entities) {
    for (const term of [entity.name, ...entity.aliases]) {
      const key = term.trim().replace(/\u2019/g, "'");
      if (key) bySurface.set(key, entity.slug);
    }
  }
  // Longest first, so "Xi Jinping" wins over "Xi" and "US Senate" over "US".
  const surfaces = [...bySurface.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const order = new Map(entities.map((entity, index) => [entity.slug, index]));
  const pattern =
    surfaces.length === 0
      ? null
      : new RegExp(
          `(?<!${WORD})(?:${surfaces.map((s) => apostrophes(escapeRegExp(s)).replace(/\s+/g, '\\s+')).join('|')})(?!${WORD})`,
          'gu',
        );
  return {
    terms: new Set(bySurface.keys()),
    find(text: string): string[] {
      if (!pattern) return [];
      const found = new Set<string>();
      for (const match of text.matchAll(pattern)) {
        const slug = bySurface.get(match[0].replace(/\s+/g, ' ').replace(/\u2019/g, "'"));
        if (slug) found.add(slug);
      }
      return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}

/** The article's entities: those found in its text, plus frontmatter additions, minus removals. */
export function resolveEntities(found: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const removed = new Set(remove);
  return [...new Set([...found, ...add])].filter((slug) => !removed.has(slug));
}

const SENTENCE_STARTERS = new Set(
  'A An The This That These Those It Its In On At As By For From With Without But And Or If When While Where Despite Meanwhile However According After Before During Both Neither Either Previous Details Authorities Investigations Concerns Hackers Speaking Retailers Senator President Chairman Chair Minister The'.split(
    ' ',
  ),
);

/** Capitalised words and acronyms that are ordinary vocabulary, not names. */
const COMMON_CAPITALISED = new Set(
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December CEO CFO CPU GPU AI IP IoT EUV GDP WiFi Wi-Fi PC TV Group Inc Ltd Corp'.split(' '),
);

/**
 * Names in a text that look like entities but are on no list: runs of capitalised words
 * (Jay Puri, Thousand Sails Constellation) and acronyms (AIDC), with how often each occurs.
 * A single capitalised word that starts a sentence is skipped, as it is usually not a name.
 */
export function unknownNames(text: string, known: ReadonlySet<string>): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  const word = '\\p{Lu}[\\p{L}\\p{N}&]*(?:[.-][\\p{L}\\p{N}&]+)*';
  const candidate = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?:[ \\t]+(?:(?:of|de|and)[ \\t]+)?${word})*`, 'gu');
  const knownList = [...known];
  for (const match of text.matchAll(candidate)) {
    let name = match[0].replace(/[.-]+$/, '').trim();
    const words = name.split(/\s+/);
    const before = text.slice(Math.max(0, match.index - 3), match.index);
    let startsSentence = match.index === 0 || /[.!?:]["”’)]?\s+$|^\s*$/.test(before) || /\n\s*$/.test(before);
    if (words.length > 1 && SENTENCE_STARTERS.has(words[0])) {
      words.shift();
      name = words.join(' ');
      startsSentence = false;
    }
    if (words.length === 1 && (startsSentence || SENTENCE_STARTERS.has(name) || COMMON_CAPITALISED.has(name))) continue;
    if (name.length < 2 || /^\p{Lu}[\p{Ll}]{0,1}$/u.test(name)) continue;
    const normalised = name.replace(/\u2019/g, "'");
    if (known.has(normalised)) continue;
    if (knownList.some((term) => term.length > 2 && new RegExp(`(?<![\\p{L}])${escapeRegExp(term)}(?![\\p{L}])`, 'u').test(normalised))) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
