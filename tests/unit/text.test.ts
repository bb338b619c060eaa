import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/lib/text.ts';

describe('htmlToText', () => {
  it('decodes named and numeric character references a wire archive carries', () => {
    expect(htmlToText('<p>Profit of &pound;5.05 &amp; a caf&eacute; &#8212; &#x2019;90s &lt;AXP&gt;</p>')).toBe('Profit of £5.05 & a café — ’90s <AXP>');
  });
  it('leaves text that only looks like a reference, and survives an impossible code point', () => {
    expect(htmlToText('<p>AT&T and R&D; &notareference;</p>')).toBe('AT&T and R&D; &notareference;');
    expect(() => htmlToText('<p>&#99999999;</p>')).not.toThrow();
  });
});
