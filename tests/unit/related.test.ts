import { describe, expect, it } from 'vitest';
import { buildModel, type Article, type ArticleInput, type SiteModel } from '../../src/lib/model.ts';
import { contentWords } from '../../src/lib/content-words.ts';
import type { EntityDef } from '../../src/lib/entities.ts';
import { RELATED_COUNT } from '../../src/lib/article-view.ts';

const topics = [
  { slug: 'chips', name: 'Chips', description: 'Chips.', keywords: [] },
  { slug: 'space', name: 'Space', description: 'Space.', keywords: [] },
  { slug: 'platforms', name: 'Platforms', description: 'Platforms.', keywords: [] },
];
const entities: EntityDef[] = [
  { slug: 'china', kind: 'country', name: 'China', aliases: [] },
  { slug: 'smic', kind: 'organisation', name: 'SMIC', aliases: [] },
  { slug: 'tsmc', kind: 'organisation', name: 'TSMC', aliases: [] },
  { slug: 'european-union', kind: 'organisation', name: 'European Union', aliases: ['EU'] },
];

function article(id: string, date: string, title: string, body: string, topicSlugs = ['space']): ArticleInput {
  return { id, file: `content/articles/${id}.md`, title, date: new Date(`${date}T00:00:00Z`), topics: topicSlugs, html: body };
}

const slugsOf = (model: SiteModel, slug: string, wanted = RELATED_COUNT) => model.related(model.article(slug)!, wanted).map((r) => r.article.slug);

describe('contentWords', () => {
  it('keeps distinctive stems and drops stop words, numbers and possessives', () => {
    expect(contentWords('The satellites’ launch was delayed, officials said on 12 March', 'A launch of 3 satellites')).toEqual([
      'satellit', 'launch', 'delai', 'offici', 'march',
    ]);
  });
});

describe('related articles of articles naming no entity', () => {
  // Slugs chosen so that file order puts each satellite story next to an unrelated one, and
  // all published on two days, so date order alone cannot tell them apart either.
  const inputs = [
    article('a-broadband-vouchers', '2024-05-02', 'Rural broadband vouchers extended for another winter',
      '<p>The scheme pays up to £450 towards a fibre connection for homes outside the commercial roll-out.</p><p>Uptake has been slow.</p>', ['platforms']),
    article('b-satellite-launch-slips', '2024-05-02', 'Weather satellite launch slips after fuel leak on the pad',
      '<p>Engineers found a <em>small</em> propellant leak during fuelling; the launch window reopens next week.</p>'),
    article('c-app-store-refunds', '2024-05-02', 'Regulator orders app store to speed up refunds',
      '<p>Customers waited up to 60 days for refunds on subscriptions they had cancelled.</p>', ['platforms']),
    article('d-second-launch-window', '2024-05-01', 'Second satellite launch window set for June',
      '<p>After the leak, the weather satellite is now due to lift off in June from the coastal launch site.</p>'),
    article('e-data-retention', '2024-05-01', 'Ministry drafts data retention rules for messaging apps',
      '<p>Providers would keep metadata for twelve months &amp; hand it over on request.</p>', ['platforms']),
    article('f-satellite-launches-safely', '2024-05-01', 'Weather satellite finally launches from coastal site',
      '<p>The satellite reached orbit forty minutes after launch, ending weeks of delays.</p>'),
    article('g-spectrum-auction', '2024-05-01', 'Spectrum auction raises less than forecast',
      '<p>Bidders shunned the 26&nbsp;GHz band; only two operators took part.</p>', ['platforms']),
    article('h-lunar-rover', '2024-05-02', 'University team shows lunar rover prototype',
      '<p>The six-wheeled rover is built for the south pole’s shadowed craters.</p>'),
  ];
  const model = buildModel(inputs, topics, entities);

  it('gives each satellite story the other two and nothing else', () => {
    expect(slugsOf(model, 'b-satellite-launch-slips').sort()).toEqual(['d-second-launch-window', 'f-satellite-launches-safely']);
    expect(slugsOf(model, 'd-second-launch-window').sort()).toEqual(['b-satellite-launch-slips', 'f-satellite-launches-safely']);
    expect(slugsOf(model, 'f-satellite-launches-safely').sort()).toEqual(['b-satellite-launch-slips', 'd-second-launch-window']);
  });
  it('ranks the story sharing more distinctive words first', () => {
    // The June window shares "weather", "satellite", "launch", "window" and "leak" with the slip.
    expect(slugsOf(model, 'b-satellite-launch-slips')[0]).toBe('d-second-launch-window');
  });
  it('gives an article sharing nothing with the others no related articles, whatever its topic', () => {
    expect(slugsOf(model, 'h-lunar-rover')).toEqual([]);
    expect(slugsOf(model, 'g-spectrum-auction')).toEqual([]);
    expect(slugsOf(model, 'a-broadband-vouchers')).toEqual([]);
  });
  it('never offers a satellite story to an article about something else', () => {
    for (const slug of ['a-broadband-vouchers', 'c-app-store-refunds', 'e-data-retention', 'g-spectrum-auction', 'h-lunar-rover']) {
      expect(slugsOf(model, slug).filter((other) => other.includes('satellite') || other.includes('launch')), slug).toEqual([]);
    }
  });
});

describe('related articles ranked by entities, words and topics', () => {
  const inputs = [
    article('smic-7nm', '2024-01-01', 'SMIC ships 7nm chips despite export controls', '<p>China’s SMIC and TSMC compete for the same customers.</p>', ['chips']),
    article('smic-capacity', '2024-01-02', 'SMIC adds capacity in Shanghai', '<p>China backs SMIC with new subsidies.</p>', ['chips']),
    article('china-only', '2024-01-03', 'Export licences granted for older tools', '<p>China welcomed the decision.</p>', ['chips']),
    article('tsmc-arizona', '2024-01-04', 'TSMC delays Arizona fab', '<p>China and TSMC: the plant opens a year late.</p>', ['chips']),
    article('eu-space', '2024-01-05', 'EU funds launch start-ups', '<p>The European Union funds small launchers.</p>', ['space']),
    article('china-space', '2024-01-06', 'China plans crewed lunar landing', '<p>China names its crew.</p>', ['space']),
  ];
  const model = buildModel(inputs, topics, entities);

  it('puts rare shared entities before a common one, never the article itself', () => {
    const related = slugsOf(model, 'smic-7nm');
    expect(related.slice(0, 2).sort()).toEqual(['smic-capacity', 'tsmc-arizona']);
    expect(related).not.toContain('smic-7nm');
    expect(related).not.toContain('eu-space');
  });
  it('counts a shared topic only beside shared content', () => {
    // eu-space shares its topic with china-space and nothing else.
    expect(slugsOf(model, 'eu-space')).toEqual([]);
  });
  it('gives the same lists whatever order the files come in', () => {
    const again = buildModel([...inputs].reverse(), topics, entities);
    for (const { slug } of model.articles) expect(slugsOf(again, slug), slug).toEqual(slugsOf(model, slug));
  });
  it('returns at most the number wanted', () => {
    expect(slugsOf(model, 'smic-7nm', 1)).toHaveLength(1);
    expect(slugsOf(model, 'smic-7nm', 0)).toEqual([]);
  });
});

describe('ties in related articles', () => {
  // Two answers equally related and published the same day: the order must not come from the
  // file names, so renaming the files must not change it.
  const build = (first: string, second: string) =>
    buildModel(
      [
        article('question', '2024-03-01', 'Spectrum regulator opens consultation on satellite direct-to-phone service', '<p>Operators have until May to reply.</p>'),
        article(first, '2024-02-01', 'Zambia licenses satellite direct-to-phone trial', '<p>A local operator will test it in two provinces.</p>'),
        article(second, '2024-02-01', 'Argentina licenses satellite direct-to-phone trial', '<p>A local operator will test it in two provinces.</p>'),
        article('other', '2024-02-02', 'Parliament passes online safety bill', '<p>The bill now goes to the upper house.</p>'),
      ],
      topics,
      entities,
    );
  const titles = (model: SiteModel) => model.related(model.article('question')!, RELATED_COUNT).map((r) => r.article.title);

  it('breaks them by title, not by file name', () => {
    const one = build('a-trial', 'b-trial');
    const other = build('b-trial', 'a-trial');
    expect(titles(one)).toEqual(['Argentina licenses satellite direct-to-phone trial', 'Zambia licenses satellite direct-to-phone trial']);
    expect(titles(other)).toEqual(titles(one));
    const scores = one.related(one.article('question')!, RELATED_COUNT).map((r) => r.score);
    expect(scores[0]).toBe(scores[1]);
  });
  it('prefers the newer of two equally related articles', () => {
    const model = buildModel(
      [
        article('question', '2024-03-01', 'Broadband subsidy audit finds double payments', '<p>Auditors sampled 400 claims.</p>'),
        article('older', '2024-01-01', 'Broadband subsidy audit ordered', '<p>Ministers asked for the audit.</p>'),
        article('newer', '2024-02-01', 'Broadband subsidy audit delayed', '<p>Ministers asked for more time.</p>'),
        article('x', '2024-02-01', 'Drone rules relaxed for farmers', '<p>Crop spraying is allowed.</p>'),
        article('y', '2024-02-01', 'Court upholds ride-hailing fine', '<p>Drivers count as workers.</p>'),
        article('z', '2024-02-03', 'Census bureau tests online forms', '<p>Paper forms stay for now.</p>'),
      ],
      topics,
      entities,
    );
    expect(slugsOf(model, 'question')).toEqual(['newer', 'older']);
  });
});

describe('related articles on a large archive', () => {
  // Scores recomputed the plain way: every shared entity adds its rarity, every shared word 0.6
  // of it (words in more than half the articles, and more than 10, left out), and shared topics half of it once
  // anything else is shared.
  const wordCounts = new WeakMap<SiteModel, Map<string, number>>();
  function plainScore(model: SiteModel, a: Article, b: Article): number {
    const total = model.articles.length;
    const idf = (count: number) => Math.log(1 + total / count);
    let wordCount = wordCounts.get(model);
    if (!wordCount) {
      wordCount = new Map<string, number>();
      for (const each of model.articles) for (const w of contentWords(each.title, each.summary)) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
      wordCounts.set(model, wordCount);
    }
    let content = 0;
    for (const e of a.entities) if (b.entities.includes(e)) content += idf(model.entity(e.slug)!.articles.length);
    const words = new Set(contentWords(b.title, b.summary));
    for (const w of contentWords(a.title, a.summary)) {
      const n = wordCount.get(w)!;
      if (words.has(w) && n <= Math.max(10, total / 2)) content += 0.6 * idf(n);
    }
    if (content === 0) return 0;
    let topicScore = 0;
    for (const t of a.topics) if (b.topics.includes(t)) topicScore += 0.5 * idf(model.topic(t.slug)!.articles.length);
    return content + topicScore;
  }

  it('lists only articles sharing content, best first, with their full scores', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = ['Alphaco', 'Betacorp', 'Gammatel', 'Deltasat', 'Epsilonai', 'Zetanet'];
    const many: EntityDef[] = names.map((name) => ({ slug: name.toLowerCase(), kind: 'organisation', name, aliases: [] }));
    const vocabulary = ['spectrum', 'auction', 'satellite', 'tariff', 'subsidy', 'antitrust', 'fab', 'lithography', 'broadband', 'encryption', 'drone', 'quantum', 'census', 'payments', 'cloud', 'privacy'];
    const inputs = Array.from({ length: 1500 }, (_, i) => {
      const named = names.filter(() => random() < 0.05);
      const words = vocabulary.filter(() => random() < 0.12);
      const day = new Date(Date.UTC(2020, 0, 1 + Math.floor(random() * 900)));
      const topic = topics[Math.floor(random() * topics.length)].slug;
      return article(`a${i}`, day.toISOString().slice(0, 10), `Item ${i} ${words.join(' ')}`, `<p>${named.join(' and ') || 'Nobody'} reported.</p>`, [topic]);
    });
    const model = buildModel(inputs, topics, many);
    let listed = 0;
    for (const each of model.articles.slice(0, 300)) {
      const related = model.related(each, RELATED_COUNT);
      listed += related.length;
      for (const r of related) {
        expect(r.article).not.toBe(each);
        expect(r.score, `${each.slug} → ${r.article.slug}`).toBeCloseTo(plainScore(model, each, r.article), 9);
      }
      for (let i = 1; i < related.length; i += 1) expect(related[i - 1].score).toBeGreaterThanOrEqual(related[i].score);
    }
    expect(listed).toBeGreaterThan(600);
  });
});

describe('related articles of messy articles', () => {
  it('reads the frontmatter summary, else the first paragraph, through markup and entities', () => {
    const model = buildModel(
      [
        {
          ...article('quantum-grants', '2024-06-03', 'Grants for “post-quantum” migration',
            '<p>Background paragraph about budgets.</p>'),
          summary: 'Agencies get money to move to <i>post-quantum</i> cryptography before 2030.',
        },
        article('pqc-standard', '2024-06-01', 'Standards body finalises three algorithms',
          '<p>The <a href="https://example.org/pqc">post&#8209;quantum</a> <strong>cryptography</strong> standards are final &mdash; after eight years.</p><ul><li>ML-KEM</li></ul>'),
        article('budget-row', '2024-06-02', 'Budget row delays broadband grants',
          '<p>Councils say the budgets were cut twice.</p>'),
        article('drone-rules', '2024-06-02', 'Drone delivery trial approved',
          '<pre><code>no prose here</code></pre><p>Parcels fly over two villages.</p>'),
      ],
      topics,
      entities,
    );
    // The grants story shares "cryptography" (and "quantum") with the standard through its
    // frontmatter summary, and only the common "grants" with the budget row.
    expect(slugsOf(model, 'quantum-grants')[0]).toBe('pqc-standard');
    expect(slugsOf(model, 'pqc-standard')).toEqual(['quantum-grants']);
    expect(slugsOf(model, 'drone-rules')).toEqual([]);
  });
});
