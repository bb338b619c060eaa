/**
 * HTML character references in plain text (`&#163;`, `&amp;`, `&eacute;`, `&lt;`), as wires and
 * copy-pasted web text carry them. Decoded with the `entities` package, strictly (a reference
 * needs its semicolon, so "AT&T" and "R&D" stay as they are). Text that was encoded twice
 * (`&amp;lt;`) is decoded until nothing changes, so no reference survives into a page.
 */
import { decodeHTMLStrict } from 'entities';

const REFERENCE = /&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});/g;
/** Control characters a reference may stand for; none belongs in prose (tab and line breaks aside). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const MAX_ROUNDS = 4;

export interface DecodedReferences {
  text: string;
  /** References replaced by their characters. */
  decoded: number;
  /** References to control characters, removed (the wire lost the character they replaced). */
  removed: string[];
  /** References that name no character (`&#99999999;`), left in place. */
  invalid: string[];
}

export function decodeCharacterReferences(input: string): DecodedReferences {
  const result: DecodedReferences = { text: input, decoded: 0, removed: [], invalid: [] };
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let changed = false;
    result.text = result.text.replace(REFERENCE, (reference) => {
      const value = decodeHTMLStrict(reference);
      if (value === reference) return reference; // an unknown name: plain text such as "&foo;"
      if (value === '\uFFFD' && !/^&#0*65533;$|^&#[xX]0*fffd;$/i.test(reference)) {
        if (!result.invalid.includes(reference)) result.invalid.push(reference);
        return reference;
      }
      changed = true;
      if (CONTROL.test(value)) {
        result.removed.push(reference);
        return '';
      }
      result.decoded += 1;
      return value;
    });
    if (!changed) break;
  }
  return result;
}

