import { describe, expect, it } from 'vitest';
import { normaliseTypography } from '../../src/lib/typography.ts';
import { decodeCharacterReferences } from '../../src/lib/char-refs.ts';

describe('normaliseTypography', () => {
  it('turns an opening quote used as an apostrophe into an apostrophe', () => {
    expect(normaliseTypography('China‘s vice minister and Nvidia‘s chief')).toBe('China’s vice minister and Nvidia’s chief');
  });
  it('joins a hyphen spaced on one side', () => {
    expect(normaliseTypography('the US -China tech rivalry')).toBe('the US-China tech rivalry');
    expect(normaliseTypography('the US- China tech rivalry')).toBe('the US-China tech rivalry');
  });
  it('keeps a spaced dash between words', () => {
    expect(normaliseTypography('chips - and tools')).toBe('chips - and tools');
  });
  it('curls straight quotes and apostrophes', () => {
    expect(normaliseTypography(`He said "the barn door is open" and it's true`)).toBe(
      'He said “the barn door is open” and it’s true',
    );
    expect(normaliseTypography(`the 'worst hack' yet`)).toBe('the ‘worst hack’ yet');
  });
  it('leaves correct opening quotes alone', () => {
    expect(normaliseTypography('describing it as the ‘worst telecom hack in our nation’s history.’')).toBe(
      'describing it as the ‘worst telecom hack in our nation’s history.’',
    );
  });
  it('collapses runs of spaces and spaces before punctuation', () => {
    expect(normaliseTypography('  Huawei  plans ,  says  SMIC .  ')).toBe('Huawei plans, says SMIC.');
  });
});

describe('decodeCharacterReferences', () => {
  it('decodes numeric and named references, with the entities package', () => {
    const result = decodeCharacterReferences('&#163;5 &amp; caf&eacute; &lt;SRD&gt; &#x2014; &hellip;');
    expect(result.text).toBe('£5 & café <SRD> — …');
    expect(result.decoded).toBe(7);
  });
  it('leaves an ampersand that starts no reference, and a reference without its semicolon', () => {
    expect(decodeCharacterReferences('AT&T and R&D; &copy 2024 &unknown;').text).toBe('AT&T and R&D; &copy 2024 &unknown;');
  });
  it('decodes text encoded twice', () => {
    expect(decodeCharacterReferences('&amp;lt;RTRS&amp;gt; &amp;#163;').text).toBe('<RTRS> £');
  });
  it('removes references to control characters and reports them', () => {
    const result = decodeCharacterReferences('country&#127;s rate');
    expect(result.text).toBe('countrys rate');
    expect(result.removed).toEqual(['&#127;']);
  });
  it('reports a reference to no character and leaves it for the editor', () => {
    expect(decodeCharacterReferences('5&#99999999; more').invalid).toEqual(['&#99999999;']);
  });
});
