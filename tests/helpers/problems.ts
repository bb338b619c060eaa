import { ContentProblems } from '../../src/lib/content-schema.ts';

/** The content problems a call reports (it throws ContentProblems), or none. */
export function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentProblems) return error.problems;
    throw error;
  }
  return [];
}
