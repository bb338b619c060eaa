/**
 * Entities (organisations, people, countries) found in article text. One combined pattern finds
 * every occurrence of a name or alias of content/entities.yaml, whatever the length of the list:
 * whole words, exact capitalisation (its aliases spell out the variants, such as NVIDIA), so
 * "US" never matches "us" or "USB", and a possessive (China’s, Huawei's) still matches. Longest
 * first: "Xi Jinping" wins over "Xi", "US Senate" over "US". The text's first line is its title.
 *
 * An occurrence then counts only if it stands as a name of its own:
 * - It is not part of a longer run of capitalised words that is not itself on the list: "Warner"
 *   in "Time Warner", "Vance" in "Eaton Vance Management", "Korea" in "North Korea", "Apple" in
 *   "Apple Daily", "China" in "Bank of China", "Warner" in "Warner-Lambert" or "O'Brien-Warner",
 *   "Xi" in "Xi'an", "Brien" in "O'Brien". Around the name the run may hold job titles (Chinese
 *   President Xi Jinping, Nvidia CEO, Secretary of State Marco Rubio), institution words and
 *   their remit (the Senate Intelligence Committee, the U.S. Department of Transportation),
 *   company suffixes (Apple Inc), a listed name or a lower-case word joined by a hyphen
 *   (US-China, Sino-US, China-based), a function word (The, But, And) or a date before it.
 *   After "U.S." a capitalised unit or word that the text also writes in lower case starts no
 *   name ("U.S. Dlrs", "U.S. Economy"). A run ends at punctuation, a possessive, a blank line and
 *   the title's line break; a single line break inside a paragraph (wrapped wire copy) does not
 *   end it. A line in capitals (a wire headline) says nothing about runs: there a listed name
 *   written in capitals (NVIDIA, U.S., FCC) counts as it stands.
 * - A name made only of institution words ("Senate", "Commerce Department") does not count after
 *   another name or a possessive: "Brazil’s Senate", "the Brazilian Senate".
 * - A name seen as the last word of an unlisted name (Michael Jordan, North Korea, the state of
 *   Georgia) is that name's short form everywhere in the article, title included; one seen
 *   inside an unlisted name (Nikola Tesla Museum) is so from there on, unless it stood alone
 *   before. This is not inferred from a sentence's first word ("Previous Huawei chips"), a word
 *   the text also writes in lower case (a table's "Average U.S."), a region's name once the
 *   country stood alone (North China), or a country's name inside an organisation's.
 * - An organisation is not linked before a geographic noun (the Amazon rainforest), nor a country
 *   after "state of" (the US state of Georgia).
 * - First reference: a person's alias with fewer words than the full name ("Xi", "Vance") counts
 *   only once the full name (or a full-length alias) has counted earlier in the text, or when it
 *   names an administration ("the Biden administration"). A headline names people by surname,
 *   so in the title a short form counts when the full name counts anywhere in the text. An
 *   article's entities are a set, so a person is linked exactly when the full name counts
 *   somewhere (or an administration is named); a surname alone never links anyone.
 */
import { apostrophes, escapeRegExp, WORD } from './match.ts';

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

export interface EntityMatcher {
  /** Slugs of the entities named in the text (first line: the title), in the order of the entity list. */
  find(text: string): string[];
  /** Every alias and name the matcher knows, for the importer's report. */
  terms: ReadonlySet<string>;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Capitalised words that start a sentence without being part of the name that follows. */
const FUNCTION_WORDS = words(`
  A An The This That These Those It Its His Her Their Our We They He She I You But And Or Nor Yet So
  In On At As By For From With Without Into Onto Over Under Between Among Within Across Through Against
  After Before During Since Until Unless Because Although Though While When Where Whether If Why How What
  Who Which Despite Meanwhile However According Also Even Only Both Neither Either Like Unlike Last Next
  Then Now Still Asked Outside Inside Earlier Later Separately Instead Here There Is Are Was Were Will
  Would Has Have Had May Can Could Should Must Did Does Do Not No`);

/** Job titles and forms of address: a name may follow them inside one run of capitals. */
const ROLE_WORDS = words(`
  President Vice Premier Prime Minister Secretary Senator Sen Sen. Rep Rep. Representative Governor Gov
  Gov. Chairman Chairwoman Chair Chief Executive CEO CFO COO CTO Founder Director Ambassador Spokesman
  Spokeswoman Spokesperson Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sir Dame General Gen Gen. King Queen Prince
  Princess Leader Speaker Commissioner Mayor Judge Justice Deputy Officer Chancellor Envoy Admiral Colonel
  Col. Lt Lt. Democrat Democratic Republican Former Acting Lawmaker Analyst Professor Prof. Head Minority
  Majority Attorney Assistant`);

/** Words naming an institution or its parts: "the Senate Intelligence Committee", "Chinese Foreign Ministry". */
const INSTITUTION_WORDS = words(`
  Ministry Department Office Bureau Agency Commission Committee Subcommittee Council Embassy Consulate
  Government Administration Parliament Congress Senate House Cabinet Treasury Navy Army Military Customs
  Police Foreign Commerce Trade Defence Defense Finance Justice Interior Intelligence Judiciary Security
  Homeland Energy Agriculture State Armed Forces Force Air Coast Guard Affairs Relations Services Federal
  Reserve Board District Court Supreme Appeals`);

/** Company-form suffixes: "Apple Inc", "Huawei Technologies Co Ltd". */
const COMPANY_SUFFIXES = words('Inc Inc. Corp Corp. Corporation Co Co. Company Ltd Ltd. Limited Group Holding Holdings Plc PLC LLC AG SA NV SE');

/** Lower-case words inside names: Bank of China, Ursula von der Leyen. */
const CONNECTORS = words('of de du da del der van von la al bin');

/** First halves of compounds that name no one: Sino-US, Anglo-Dutch, Euro-American, anti-China. */
const COMBINING_FORMS = words('Sino Anglo Franco Euro Afro Indo Pan Anti Pro Non Ex Post Pre Trans Mid Pan');

/** Abbreviations whose full stop ends no sentence. */
const ABBREVIATIONS = words('Mr Mrs Ms Dr St Sen Rep Gov Gen Col Lt Prof Co Inc Corp Ltd Jr Sr No');

/** Days and months: "February U.S. car production" is no name. */
const DATE_WORDS = words(`
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
  August September October November December`);

/** Words that make a region of a country's name: North China, South China Sea. */
const COMPASS_WORDS = words('North South East West Northern Southern Eastern Western Central Upper Lower Inner Outer Greater New');

/** Units of the wire that follow "U.S." with a capital: "U.S. Dlrs". */
const WIRE_UNITS = words('Dollar Dollars Dlr Dlrs Cents Cts Mln Billion Pct');

/** Nouns after which an organisation's name is a place: the Amazon rainforest. */
const GEOGRAPHIC_NOUNS = words('river rivers basin rainforest rainforests forest jungle delta region valley estuary');

/** A wire headline: no lower-case letter outside character references such as &lt;. */
function isCapsLine(line: string): boolean {
  let capitals = 0;
  // Word by word, so that an ordinary line stops at its first lower-case word.
  for (const [word] of line.replace(/&lt;[^>]*>|&[a-z]+;/g, '').matchAll(/\p{L}+/gu)) {
    if (DATE_WORDS.has(word)) continue;
    if (/\p{Ll}/u.test(word)) return false;
    capitals += word.match(/\p{Lu}/gu)?.length ?? 0;
  }
  return capitals >= 4;
}

interface Token {
  index: number;
  start: number;
  /** End of the word without a possessive ending. */
  end: number;
  /** End including the possessive ending. */
  outer: number;
  text: string;
  capital: boolean;
  possessive: boolean;
  /** How the token joins the one before it: in one run of words, by a hyphen, or not at all. */
  join: 'space' | 'hyphen' | 'break';
  /** On the first line, the title. */
  inTitle: boolean;
}

/** Characters no run of capitalised words crosses. */
const RUN_BREAKS = new Set([...',;:()[]"“”!?']);

/**
 * The stretches of text around the given positions that can hold a run of capitalised words
 * through them, with one word before each for telling a sentence start: only these are split
 * into words, so a long article costs little more than its names.
 */
function neighbourhoods(text: string, positions: readonly [number, number][]): [number, number][] {
  const reach = 400;
  const stretches: [number, number][] = [];
  for (const [from, to] of positions) {
    let end = to;
    while (end < Math.min(text.length, to + reach) && !RUN_BREAKS.has(text[end]) && !(text[end] === '\n' && text[end + 1] === '\n')) end += 1;
    const last = stretches.at(-1);
    // A name inside the stretch before joins it, wherever its own stretch would start.
    if (last && from < last[1]) {
      last[1] = Math.max(last[1], end + 1);
      continue;
    }
    let start = from - 1;
    while (start > Math.max(0, from - reach) && !RUN_BREAKS.has(text[start]) && !(text[start] === '\n' && text[start - 1] === '\n')) start -= 1;
    start = Math.max(0, start - 40);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end + 1);
    else stretches.push([start, end + 1]);
  }
  return stretches;
}

function tokenise(text: string, stretches: readonly [number, number][]): Token[] {
  const tokens: Token[] = [];
  const titleBreak = text.indexOf('\n');
  const wordPattern = /[\p{L}\p{N}]+(?:[&.'’][\p{L}\p{N}]+)*/gu;
  for (const [from, to] of stretches) {
    wordPattern.lastIndex = from;
    for (let match = wordPattern.exec(text); match && match.index < to; match = wordPattern.exec(text)) {
      addToken(match);
    }
  }
  return tokens;

  function addToken(match: RegExpExecArray): void {
    let end = match.index + match[0].length;
    let word = match[0];
    if (text[end] === '.' && (word.includes('.') || ABBREVIATIONS.has(word))) {
      word += '.';
      end += 1;
    }
    const outer = end;
    let possessive = false;
    if (/['’]s$/.test(word)) {
      possessive = true;
      word = word.slice(0, -2);
      end -= 2;
    } else if (/s$/.test(word) && /^['’](?![\p{L}\p{N}])/u.test(text.slice(outer, outer + 2))) {
      possessive = true;
    }
    const token: Token = {
      index: tokens.length,
      start: match.index,
      end,
      outer,
      text: word,
      capital: /^\p{Lu}/u.test(word),
      possessive,
      join: 'break',
      inTitle: titleBreak < 0 || match.index < titleBreak,
    };
    const previous = tokens.at(-1);
    if (previous) {
      const gap = text.slice(previous.outer, token.start);
      const crossesTitle = titleBreak >= previous.outer && titleBreak < token.start;
      if (gap === '-' || gap === '\u2011') token.join = 'hyphen';
      else if (!previous.possessive && !crossesTitle && /^[ \t\u00a0]*(?:\n[ \t\u00a0]*)?$/.test(gap) && gap.length > 0) token.join = 'space';
    }
    tokens.push(token);
  }
}

const normalise = (term: string): string => term.trim().replace(/\s+/g, ' ').replace(/\u2019/g, "'");

export function entityMatcher(entities: readonly EntityDef[]): EntityMatcher {
  const bySurface = new Map<string, EntityDef>();
  for (const entity of entities) {
    for (const term of [entity.name, ...entity.aliases]) {
      const key = normalise(term);
      if (key) bySurface.set(key, entity);
    }
  }
  const wordCount = (term: string) => term.split(/\s+/).length;
  /** A person's aliases with fewer words than the name: they follow the first-reference rule. */
  const shortForms = new Set(
    [...bySurface].filter(([surface, entity]) => entity.kind === 'person' && wordCount(surface) < wordCount(normalise(entity.name))).map(([surface]) => surface),
  );
  /** Names made only of institution words ("Senate", "Commerce Department"). */
  const generic = new Set([...bySurface.keys()].filter((surface) => surface.split(' ').every((w) => INSTITUTION_WORDS.has(w) || CONNECTORS.has(w))));
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

  function find(text: string): string[] {
    if (!pattern) return [];
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) return [];
    const tokens = tokenise(text, neighbourhoods(text, matches.map((m) => [m.index, m.index + m[0].length])));
    const byStart = new Map(tokens.map((token, index) => [token.start, index]));
    const byEnd = new Map<number, number>();
    tokens.forEach((token, index) => {
      byEnd.set(token.end, index);
      byEnd.set(token.outer, index);
    });
    const occurrences: { surface: string; entity: EntityDef; first: number; last: number }[] = [];
    const covered = new Set<number>();
    for (const match of matches) {
      const first = byStart.get(match.index);
      const last = byEnd.get(match.index + match[0].length);
      // A name that starts or ends inside a word is not that name: O'Brien, Xi'an.
      if (first === undefined || last === undefined || last < first) continue;
      const surface = normalise(match[0]);
      occurrences.push({ surface, entity: bySurface.get(surface)!, first, last });
      for (let i = first; i <= last; i += 1) covered.add(i);
    }

    /** Whether a token starts a sentence, a line item or the title. */
    const startsSentence = (index: number): boolean => {
      if (index === 0) return true;
      const gap = text.slice(tokens[index - 1].outer, tokens[index].start);
      return /[.!?:][\s"”’)\]“‘(\[]*$/.test(gap) || /\n\s*(?:[-*•]\s+)?$/.test(gap) && tokens[index].join === 'break';
    };

    const capsLines = new Map<number, boolean>();
    /** Whether the line around a position is a headline in capitals; worked out once a line. */
    const onCapsLine = (position: number): boolean => {
      const from = text.lastIndexOf('\n', position - 1) + 1;
      let caps = capsLines.get(from);
      if (caps === undefined) {
        const to = text.indexOf('\n', position);
        caps = isCapsLine(text.slice(from, to < 0 ? text.length : to));
        capsLines.set(from, caps);
      }
      return caps;
    };
    let lowerWords: Set<string> | undefined;
    /** Whether the word occurs in lower case in the text; worked out only when a name needs it. */
    const inLowerCase = (word: string): boolean => {
      lowerWords ??= new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu) ?? []);
      return lowerWords.has(word.toLowerCase());
    };
    const isCompoundEnd = (token: Token) => !token.capital || covered.has(token.index) || COMBINING_FORMS.has(token.text);

    /** The capitalised words (and connectors) before a name in the same run, in reading order. */
    function runBefore(first: number): { words: Token[]; owner: boolean } {
      const before: Token[] = [];
      let owner = false;
      for (let j = first - 1; j >= 0 && tokens[j + 1].join !== 'break'; j -= 1) {
        const token = tokens[j];
        if (tokens[j + 1].join === 'hyphen') {
          if (isCompoundEnd(token)) break;
        } else if (!token.capital) {
          // "Bank of China" is one name; "Mobil Oil Corp of U.S." names a company and a country.
          const joined = j > 0 && token.join === 'space' && tokens[j - 1].capital && !tokens[j - 1].possessive && !COMPANY_SUFFIXES.has(tokens[j - 1].text);
          if (!(CONNECTORS.has(token.text) && joined)) break;
        }
        if (token.possessive) {
          owner = j === first - 1;
          break;
        }
        if (DATE_WORDS.has(token.text) || FUNCTION_WORDS.has(token.text)) break;
        before.unshift(token);
      }
      if (first > 0 && tokens[first - 1].possessive && tokens[first].join !== 'hyphen') owner = tokens[first - 1].outer + 2 >= tokens[first].start;
      return { words: before, owner };
    }

    /** Whether the capitalised words after a name leave it a name of its own. */
    function standsBefore(last: number, kind: EntityKind): boolean {
      if (tokens[last].possessive) return true;
      let institution = false;
      for (let j = last + 1; j < tokens.length && tokens[j].join !== 'break'; j += 1) {
        const token = tokens[j];
        if (tokens[j].join === 'hyphen') {
          if (isCompoundEnd(token)) return true;
          return false;
        }
        if (!token.capital) {
          if (j === last + 1 && kind === 'organisation' && GEOGRAPHIC_NOUNS.has(token.text)) return false;
          const joined = j + 1 < tokens.length && tokens[j + 1].join === 'space' && tokens[j + 1].capital;
          if (CONNECTORS.has(token.text) && joined) {
            // "U.S. Department of Transportation": what follows names the institution's remit.
            if (institution) return true;
            continue;
          }
          return true;
        }
        if (ROLE_WORDS.has(token.text) || FUNCTION_WORDS.has(token.text) || covered.has(j)) return true;
        // After "U.S." a capital may start a sentence, or be the wire's capital after an abbreviation ("U.S. Dollar").
        if (j === last + 1 && tokens[last].text.endsWith('.') && (WIRE_UNITS.has(token.text) || inLowerCase(token.text))) return true;
        institution ||= INSTITUTION_WORDS.has(token.text);
        if (!(INSTITUTION_WORDS.has(token.text) || COMPANY_SUFFIXES.has(token.text))) return false;
        if (token.possessive) return true;
      }
      return true;
    }

    // First pass: which occurrences stand as names of their own, and which names the article
    // uses as part of an unlisted name ("Jordan" in "Michael Jordan", "Georgia" in "state of Georgia").
    const shadowed = new Set<string>();
    const established = new Set<string>();
    // "Michael Jordan" shadows Jordan wherever it comes; "Nikola Tesla Museum" shadows Tesla from
    // there on unless Tesla stood alone before. A country's name inside an organisation's name
    // ("New China News Agency") or a region's ("North China" after China) says nothing about the
    // country elsewhere, nor does an ordinary word that a table row capitalises ("Average U.S.").
    const shadow = (surface: string, previous: Token, last: number): false => {
      if (inLowerCase(previous.text)) return false;
      const next = tokens[last + 1];
      const endsRun = tokens[last].possessive || !next || next.join === 'break' || !next.capital;
      const country = bySurface.get(surface)!.kind === 'country';
      if (endsRun ? !(country && COMPASS_WORDS.has(previous.text) && established.has(surface)) : !country && !established.has(surface)) {
        shadowed.add(surface);
      }
      return false;
    };
    const standing = occurrences.filter(({ surface, entity, first, last }) => {
      const stands = standsAlone(surface, entity, first, last);
      if (stands && !tokens[first].inTitle) established.add(surface);
      return stands;
    });
    function standsAlone(surface: string, entity: EntityDef, first: number, last: number): boolean {
      if (onCapsLine(tokens[first].start)) return true;
      const { words: before, owner } = runBefore(first);
      if (generic.has(surface) && (owner || before.length > 0)) return false;
      if (before.length > 0) {
        const role = before.findLastIndex((token) => ROLE_WORDS.has(token.text));
        const titled = role >= 0 && before.slice(role + 1).every((token) => INSTITUTION_WORDS.has(token.text) || CONNECTORS.has(token.text));
        const listed = before.every((token) => covered.has(token.index));
        if (!titled && !listed) {
          // "Previous Huawei processors" may be a sentence-initial word; "by Michael Jordan" is a name.
          const run = before[0];
          if (before.at(-1)!.capital && tokens[first].join === 'space' && !startsSentence(run.index)) return shadow(surface, before.at(-1)!, last);
          return false;
        }
      }
      if (entity.kind === 'country' && first >= 2 && tokens[first - 1].text === 'of' && /^state$/i.test(tokens[first - 2].text)) {
        shadowed.add(surface);
        return false;
      }
      return standsBefore(last, entity.kind);
    }
    // Second pass, in reading order: the first-reference rule for a person's short forms.
    const counted = new Set<string>();
    const fullNames = new Set(standing.filter((o) => !shortForms.has(o.surface) && !shadowed.has(o.surface)).map((o) => o.entity.slug));
    for (const { surface, entity, first, last } of standing) {
      if (shadowed.has(surface)) continue;
      // "The Biden administration" names the president as surely as his full name does.
      const administration = /^[Aa]dministration$/.test(tokens[last + 1]?.text ?? '') && tokens[last + 1].join === 'space' && !tokens[last].possessive;
      if (shortForms.has(surface) && !administration) {
        // A headline names a person by surname; the text below gives the full name.
        const titleShortForm = tokens[first].inTitle && fullNames.has(entity.slug);
        if (!counted.has(entity.slug) && !titleShortForm) continue;
      }
      counted.add(entity.slug);
    }
    return [...counted].sort((a, b) => order.get(a)! - order.get(b)!);
  }

  return { terms: new Set(bySurface.keys()), find };
}

/** The article's entities: those found in its text, plus frontmatter additions, minus removals. */
export function resolveEntities(found: readonly string[], add: readonly string[] = [], remove: readonly string[] = []): string[] {
  const removed = new Set(remove);
  return [...new Set([...found, ...add])].filter((slug) => !removed.has(slug));
}

/** Sentence-initial words that are ordinary vocabulary, beyond the function words. */
const SENTENCE_STARTERS = words(`
  Previous Details Authorities Investigations Concerns Hackers Speaking Retailers Analysts Officials
  Shares Sales Revenue Profit Net Earnings Sources Critics Experts Investors Traders Users Researchers Pay
  Record`);

/** Capitalised words and acronyms that are ordinary vocabulary, not names. */
const COMMON_CAPITALISED = words(`
  CEO CFO CPU GPU AI IP IoT EUV GDP WiFi Wi-Fi PC TV Net Shr Qtr Revs Avg Avge`);

/** Words that name nothing on their own: "the Company", "the Fund". */
const GENERIC_NOUNS = words('Company Bank Fund Federation National International Exchange Securities');

/** Month abbreviations of the wire: "Pay April 1, Record March 15", "Dec 31". */
const MONTH_ABBREVIATIONS = words('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec');

/**
 * Names in a text that look like entities but are on no list: runs of capitalised words
 * (Jay Puri, Thousand Sails Constellation, Time Warner), names with apostrophes and hyphens
 * (O’Sullivan, D’Souza, Jean-Claude) and acronyms (AIDC), with how often each occurs. Job titles
 * split a run (President Joe Biden gives Joe Biden); a run that is a listed name plus institution
 * words or a company suffix (Chinese Foreign Ministry, Apple Inc) is known. A sentence's first
 * word alone is never reported; before other capitalised words it is dropped when it is a
 * function word, occurs in lower case elsewhere in the text, or the rest is a listed name
 * ("Previous Huawei processors"), unless the whole run also occurs inside a sentence. Lines in
 * capitals (wire headlines) are skipped, as their body repeats the names in normal case.
 */
export function unknownNames(text: string, known: ReadonlySet<string>): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  const word = "\\p{Lu}[\\p{L}\\p{N}&]*(?:(?:[.-]|['\u2019](?=\\p{Lu}))[\\p{L}\\p{N}&]+)*";
  const candidate = new RegExp(`(?<![\\p{L}\\p{N}'\u2019-])${word}(?:[ \\t]+(?:(?:of|de|and)[ \\t]+)?${word})*`, 'gu');
  const knownTerms = new Set([...known].map(normalise));
  const isListed = (name: string) => knownTerms.has(normalise(name)) || knownTerms.has(normalise(`${name}.`));
  const isKnown = (parts: string[]): boolean => {
    // A listed name, alone or followed by institution words or a company suffix.
    for (let end = parts.length; end > 0; end -= 1) {
      if (isListed(parts.slice(0, end).join(' '))) {
        return parts.slice(end).every((w) => INSTITUTION_WORDS.has(w) || COMPANY_SUFFIXES.has(w) || CONNECTORS.has(w));
      }
    }
    return false;
  };
  // Headlines in capitals are dropped; inside the text, a line that ends without punctuation
  // before a capitalised word is a wrapped line, so "International Monetary\nFund" stays whole.
  const [title = '', ...rest] = text.split('\n').map((line) => (isCapsLine(line) ? '' : line));
  const paragraphs = [title, rest.join('\n').replace(/([\p{L}\p{N}])[ \t]*\n[ \t]*(?=\p{Lu})/gu, '$1 ')];
  const found: { words: string[]; atStart: boolean }[] = [];
  for (const line of paragraphs.join('\n').split('\n')) {
    for (const match of line.matchAll(candidate)) {
      const before = line.slice(0, match.index);
      let atStart = /^[\s"“‘(\[*•-]*$/.test(before) || /[.!?:][\s"”’)\]“‘(\[]*$/.test(before);
      // "Securities and Exchange Commission" is one name, "Jean-Claude Juncker and Conan O'Brien" two.
      const segments = match[0].replace(/[.-]+$/, '').trim().split(/\s+and\s+/);
      let words = segments[0].split(/\s+/);
      for (const segment of segments.slice(1)) {
        const next = segment.split(/\s+/);
        const completes = (w: string) => INSTITUTION_WORDS.has(w) || COMPANY_SUFFIXES.has(w);
        if (completes(next.at(-1)!) && !completes(words.at(-1)!)) words = [...words, 'and', ...next];
        else {
          found.push({ words, atStart });
          words = next;
          atStart = false;
        }
      }
      found.push({ words, atStart });
    }
  }
  const lowerCase = new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu) ?? []);
  const inSentence = new Set(found.filter((f) => !f.atStart).map((f) => f.words.join(' ')));
  const ordinaryAlone = (name: string) =>
    FUNCTION_WORDS.has(name) ||
    SENTENCE_STARTERS.has(name) ||
    COMMON_CAPITALISED.has(name) ||
    MONTH_ABBREVIATIONS.has(name) ||
    GENERIC_NOUNS.has(name) ||
    INSTITUTION_WORDS.has(name) ||
    COMPANY_SUFFIXES.has(name) ||
    WIRE_UNITS.has(name);
  for (const { words: parts, atStart } of found) {
    let run = parts;
    let startsSentence = atStart;
    const ordinaryFirst =
      FUNCTION_WORDS.has(run[0]) ||
      SENTENCE_STARTERS.has(run[0]) ||
      (atStart && !inSentence.has(run.join(' ')) && (lowerCase.has(run[0].toLowerCase()) || isKnown(run.slice(1))));
    if (run.length > 1 && ordinaryFirst) {
      run = run.slice(1);
      while (run.length > 1 && CONNECTORS.has(run[0])) run = run.slice(1);
      startsSentence = false;
    }
    // Job titles and dates split a run: "Nvidia CEO Jensen Huang" names Nvidia and Jensen Huang.
    const pieces: string[][] = [[]];
    for (const w of run) {
      if (ROLE_WORDS.has(w) || DATE_WORDS.has(w) || MONTH_ABBREVIATIONS.has(w) || (COMMON_CAPITALISED.has(w) && pieces.at(-1)!.length === 0)) {
        if (pieces.at(-1)!.length > 0) pieces.push([]);
      } else pieces.at(-1)!.push(w);
    }
    pieces.forEach((piece, index) => {
      while (piece.length > 0 && (CONNECTORS.has(piece.at(-1)!) || piece.at(-1) === 'and')) piece.pop();
      while (piece.length > 0 && (CONNECTORS.has(piece[0]) || piece[0] === 'and')) piece.shift();
      if (piece.length === 0) return;
      const name = piece.join(' ');
      if (piece.length === 1 && ((startsSentence && index === 0) || ordinaryAlone(name))) return;
      if (name.length < 2 || /^\p{Lu}\p{Ll}?$/u.test(name)) return;
      if (isKnown(piece)) return;
      // A compound ending in a lower-case word is an adjective ("Chinese-made", "CPU-based"), and
      // one made of listed names ("US-China") names nothing new.
      if (piece.length === 1 && name.includes('-')) {
        const parts = name.split('-');
        if (/^\p{Ll}/u.test(parts.at(-1)!) || parts.every((part) => isListed(part))) return;
      }
      counts.set(name, (counts.get(name) ?? 0) + 1);
    });
  }
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
