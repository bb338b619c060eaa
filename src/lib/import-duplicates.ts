/**
 * Duplicates among the articles of one import. The same text twice (a story filed twice) is
 * imported once. Two different texts whose titles give the same URL are a mistake inside one
 * digest; across separate files they are versions of a story (wires resend under one title),
 * so the later ones get a number: "Title (2)".
 */
import type { Problem } from './digest.ts';

export interface Candidate {
  file: string;
  line: number;
  title: string;
  slug: string;
  paragraphs: readonly string[];
}

export interface Duplicates {
  /** Indexes of articles not to import: the same text as an earlier one. */
  repeats: Set<number>;
  /** New title and slug for later versions under a title already taken. */
  renamed: Map<number, { title: string; slug: string }>;
  problems: Problem[];
  /** One line each, naming both places. */
  notes: string[];
}

function textKey(candidate: Candidate): string {
  return [candidate.title, ...candidate.paragraphs].join('\n').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function findDuplicates(candidates: readonly Candidate[]): Duplicates {
  const result: Duplicates = { repeats: new Set(), renamed: new Map(), problems: [], notes: [] };
  const byText = new Map<string, Candidate>();
  const bySlug = new Map<string, Candidate[]>();
  const taken = new Set(candidates.map((c) => c.slug));
  candidates.forEach((candidate, index) => {
    const where = `${candidate.file}:${candidate.line}`;
    const key = textKey(candidate);
    const same = byText.get(key);
    if (same) {
      result.repeats.add(index);
      result.notes.push(`${where}: the same text as ${same.file}:${same.line}; imported once`);
      return;
    }
    byText.set(key, candidate);
    const earlier = bySlug.get(candidate.slug) ?? [];
    bySlug.set(candidate.slug, [...earlier, candidate]);
    if (earlier.length === 0) return;
    const inSameFile = earlier.find((other) => other.file === candidate.file);
    if (inSameFile) {
      result.problems.push({
        file: candidate.file,
        line: candidate.line,
        message: `title "${candidate.title}" gives the same URL as the article at line ${inSameFile.line}; give one of them a different title`,
      });
      return;
    }
    let n = earlier.length + 1;
    while (taken.has(`${candidate.slug}-${n}`)) n += 1;
    const renamed = { title: `${candidate.title} (${n})`, slug: `${candidate.slug}-${n}` };
    taken.add(renamed.slug);
    result.renamed.set(index, renamed);
    result.notes.push(`${where}: "${candidate.title}" is also the title of ${earlier[0].file}:${earlier[0].line} (a different text); imported as "${renamed.title}"`);
  });
  return result;
}
