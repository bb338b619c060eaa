/**
 * The topic rule and content/topics.yaml against the labelled articles in
 * tests/fixtures/topic-labels/ (its README says how each set was written and what its figures
 * mean). On the tuning set, off-topic articles get no topic and at least 90% of on-topic ones
 * their labelled topic first; on the held-out sets, which print their on-topic share, no
 * off-topic article gets a topic and no on-topic article gets only topics other than its label.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readTopicsFile } from '../../src/lib/content-schema.ts';
import { assignTopics, describeScore, scoreTopics, type TopicKeywords } from '../../src/lib/topic-assign.ts';

interface Labelled {
  id: string;
  expect: string;
  title: string;
  body: string;
}

const topics: TopicKeywords[] = readTopicsFile('content/topics.yaml').map((topic) => ({ slug: topic.id, keywords: topic.keywords }));

function readSet(name: string): Labelled[] {
  const file = `tests/fixtures/topic-labels/${name}.yaml`;
  const items: Labelled[] = YAML.parse(readFileSync(file, 'utf8'));
  const known = new Set(['none', ...topics.map((topic) => topic.slug)]);
  const bad = items.filter((item) => !known.has(item.expect) || !item.title || !item.body);
  if (bad.length > 0) throw new Error(`${file}: bad entries ${bad.map((item) => item.id).join(', ')}`);
  return items;
}

interface Outcome {
  onTopic: number;
  onTopicRight: number;
  offTopic: number;
  offTopicWrong: number;
  /** On-topic articles given topics, none of them their label. */
  onTopicWrongTopics: number;
  lines: string[];
}

function evaluate(items: Labelled[]): Outcome {
  const outcome: Outcome = {
    onTopic: 0,
    onTopicRight: 0,
    offTopic: 0,
    offTopicWrong: 0,
    onTopicWrongTopics: 0,
    lines: [],
  };
  for (const item of items) {
    const assigned = assignTopics(item.title, item.body, topics);
    const right = item.expect === 'none' ? assigned.length === 0 : assigned[0] === item.expect;
    if (item.expect === 'none') {
      outcome.offTopic++;
      if (!right) outcome.offTopicWrong++;
    } else {
      outcome.onTopic++;
      if (right) outcome.onTopicRight++;
      if (assigned.length > 0 && !assigned.includes(item.expect)) outcome.onTopicWrongTopics++;
    }
    if (!right) {
      const scores = scoreTopics(item.title, item.body, topics).map(describeScore).join('; ');
      outcome.lines.push(
        `  ${item.id}: expected ${item.expect}, got [${assigned.join(', ')}]  ${scores || 'no keyword'}`,
      );
    }
  }
  return outcome;
}

function report(name: string, outcome: Outcome): void {
  const share = ((100 * outcome.onTopicRight) / outcome.onTopic).toFixed(1);
  console.log(
    `${name}: on-topic ${outcome.onTopicRight}/${outcome.onTopic} (${share}%) given their topic first; ` +
      `off-topic ${outcome.offTopicWrong}/${outcome.offTopic} given a topic; ` +
      `on-topic ${outcome.onTopicWrongTopics} given only other topics\n${outcome.lines.join('\n')}`,
  );
}

describe('topic labels: check-set (tuned on)', () => {
  const outcome = evaluate(readSet('check-set'));
  report('check-set', outcome);

  it('gives no topic to an off-topic article', () => {
    expect(outcome.offTopicWrong).toBe(0);
  });
  it('gives at least 90% of on-topic articles their topic first', () => {
    expect(outcome.onTopicRight / outcome.onTopic).toBeGreaterThanOrEqual(0.9);
  });
});

describe.each(['held-out', 'held-out-2'])('topic labels: %s', (name) => {
  const outcome = evaluate(readSet(name));
  report(name, outcome);

  it('gives no topic to an off-topic article', () => {
    expect(outcome.offTopicWrong).toBe(0);
  });
  it('never gives an on-topic article only topics other than its own', () => {
    expect(outcome.onTopicWrongTopics).toBe(0);
  });
});
