import { describe, expect, it } from 'vitest';
import { normaliseTypography } from '../../src/lib/typography.ts';

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
