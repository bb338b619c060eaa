/**
 * Precision of entity linking over a labelled set of short articles (tests/fixtures/entity-labels):
 * content/entities.yaml plus a few test-only entities, each article labelled with exactly the
 * entities a reader expects linked. A wrong link is worse than a missed one, so any false link
 * fails; recall is printed for the record.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readEntitiesFile, type EntityEntry } from '../../src/lib/content-schema.ts';
import { entityMatcher, type EntityDef } from '../../src/lib/entities.ts';

const dir = new URL('../fixtures/entity-labels/', import.meta.url);
const toDef = (e: EntityEntry): EntityDef => ({ slug: e.id, kind: e.kind, name: e.name, aliases: e.aliases });
const entities: EntityDef[] = [
  ...readEntitiesFile(fileURLToPath(new URL('../../content/entities.yaml', import.meta.url))).map(toDef),
  ...readEntitiesFile(fileURLToPath(new URL('extra-entities.yaml', dir))).map(toDef),
];
interface Labelled {
  id: string;
  title: string;
  body: string;
  entities: string[];
  heldout?: boolean;
}
const articles: Labelled[] = YAML.parse(readFileSync(new URL('articles.yaml', dir), 'utf8'));
const matcher = entityMatcher(entities);

function score(set: Labelled[]) {
  let truePositives = 0;
  let labelled = 0;
  const falseLinks: string[] = [];
  const missed: string[] = [];
  for (const article of set) {
    const found = matcher.find(`${article.title}\n${article.body}`);
    for (const slug of found) {
      if (article.entities.includes(slug)) truePositives += 1;
      else falseLinks.push(`${article.id}: ${slug}`);
    }
    for (const slug of article.entities) if (!found.includes(slug)) missed.push(`${article.id}: ${slug}`);
    labelled += article.entities.length;
  }
  const linked = truePositives + falseLinks.length;
  return {
    precision: linked === 0 ? 1 : truePositives / linked,
    recall: labelled === 0 ? 1 : truePositives / labelled,
    falseLinks,
    missed,
  };
}

function report(name: string, set: Labelled[]) {
  const result = score(set);
  console.log(
    `${name}: ${set.length} articles, precision ${(result.precision * 100).toFixed(1)}%, recall ${(result.recall * 100).toFixed(1)}%` +
      (result.missed.length > 0 ? `; missed ${result.missed.join(', ')}` : ''),
  );
  return result;
}

describe('entity links over the labelled articles', () => {
  it('uses only entities on the list', () => {
    const known = new Set(entities.map((e) => e.slug));
    for (const article of articles) for (const slug of article.entities) expect(known.has(slug), `${article.id}: ${slug}`).toBe(true);
  });
  it('makes no false link in the tuning set', () => {
    expect(report('tuning set', articles.filter((a) => !a.heldout)).falseLinks).toEqual([]);
  });
  it('makes no false link in the held-out set', () => {
    expect(report('held-out set', articles.filter((a) => a.heldout)).falseLinks).toEqual([]);
  });
});
