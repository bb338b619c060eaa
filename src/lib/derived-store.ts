/**
 * A file of results kept from one build for the next, each under a key that covers everything the
 * result depends on (the caller makes the key; src/lib/article-derive.ts). The file holds only the
 * results the last build asked for, so results of removed or changed inputs do not pile up.
 *
 * It is written whole to a temporary file and renamed into place, so a reader sees the old file or
 * the new, never part of one; and it starts with a digest of the rest, so a file damaged any other
 * way is read as empty (every result computed again) rather than believed. Nothing here fails a
 * build: a file that cannot be read is empty, one that cannot be written is left as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The first line's first word: a file of another format is not read. */
const FORMAT = 'derived-results/1';

export interface DerivedStore<T> {
  /** The result kept under `key`, or undefined; a result found is kept by the next save. */
  get(key: string): T | undefined;
  /** Keeps a result under `key`. */
  set(key: string, value: T): void;
  /**
   * Writes the results asked for or set since the store was opened, and no others; does nothing
   * when that is what the file holds already. Returns false when the file could not be written.
   */
  save(): boolean;
  /** How many results were found and how many set, since the store was opened. */
  readonly counts: { hits: number; misses: number };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The results in a store file; empty when it is missing, damaged or of another format. */
function readEntries(file: string): Map<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const newline = text.indexOf('\n');
  const [format, sum] = text.slice(0, Math.max(0, newline)).split(' ');
  const body = text.slice(newline + 1);
  if (newline < 0 || format !== FORMAT || sum !== digest(body)) return new Map();
  try {
    const entries = JSON.parse(body) as unknown;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
    return new Map(Object.entries(entries));
  } catch {
    return new Map();
  }
}

/**
 * Opens the store file (which need not exist). `isValue` checks each result read, so a result of
 * another shape (kept by other code) is never handed out, whatever the key.
 */
export function openDerivedStore<T>(file: string, isValue: (value: unknown) => value is T): DerivedStore<T> {
  const stored = readEntries(file);
  const kept = new Map<string, T>();
  const counts = { hits: 0, misses: 0 };
  let changed = false;
  /** How many results the file holds, as far as this store knows. */
  let onDisk = stored.size;
  return {
    counts,
    get(key) {
      const value = kept.get(key) ?? stored.get(key);
      if (value === undefined || !isValue(value)) return undefined;
      counts.hits += 1;
      kept.set(key, value);
      return value;
    },
    set(key, value) {
      counts.misses += 1;
      changed = true;
      kept.set(key, value);
    },
    save() {
      // Every result found was one of the file's: the same number means the same results.
      if (!changed && kept.size === onDisk) return true;
      const body = JSON.stringify(Object.fromEntries(kept));
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(temporary, `${FORMAT} ${digest(body)}\n${body}`);
        renameSync(temporary, file);
        changed = false;
        onDisk = kept.size;
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Its folder could not be made: there is no temporary file.
        }
        return false;
      }
      return true;
    },
  };
}
