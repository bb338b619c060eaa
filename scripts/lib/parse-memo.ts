/**
 * What the audit's parsers read from a built document, remembered by the document's bytes from
 * one build to the next. A publish changes a few hundred of the site's documents; every other one
 * has the same bytes, and the same bytes give the same reading. The memo is tied to the parsers'
 * code (built-documents.ts) and to the installed packages (package-lock.json): a change to either
 * starts it afresh. Only readings used by this audit are saved, so it never outgrows the site.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Stored {
  salt: string;
  readings: Record<string, unknown>;
}

function sha(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** The parsers' code and the packages they use, as one digest. */
function parserSalt(): string {
  const hash = createHash('sha256');
  for (const file of [new URL('./built-documents.ts', import.meta.url), new URL('../../package-lock.json', import.meta.url)]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update(`no ${file.pathname}`);
    }
  }
  return hash.digest('base64url');
}

export class ParseMemo {
  readonly #file: string | null;
  readonly #salt: string;
  readonly #previous: Map<string, unknown>;
  readonly #used = new Map<string, unknown>();
  #reused = 0;

  private constructor(file: string | null, salt: string, previous: Map<string, unknown>) {
    this.#file = file;
    this.#salt = salt;
    this.#previous = previous;
  }

  /** A memo that lives as long as this process. */
  static inMemory(): ParseMemo {
    return new ParseMemo(null, '', new Map());
  }

  /** The memo kept in `file`; an empty one when it is missing, damaged or of other parsers. */
  static open(file: string, salt = parserSalt()): ParseMemo {
    let previous = new Map<string, unknown>();
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
      if (stored.salt === salt && stored.readings && typeof stored.readings === 'object') previous = new Map(Object.entries(stored.readings));
    } catch {
      // No memo yet, or one cut short: every document is read again.
    }
    return new ParseMemo(file, salt, previous);
  }

  /** parse(text), or what it gave for the same kind of reading of the same text. */
  read<T>(kind: string, text: string, parse: (text: string) => T): T {
    const key = `${kind}:${sha(text)}`;
    if (this.#used.has(key)) return this.#used.get(key) as T;
    let reading: T;
    if (this.#previous.has(key)) {
      reading = this.#previous.get(key) as T;
      this.#reused += 1;
    } else {
      // Stored as JSON would store it, so a fresh reading and a remembered one are alike.
      reading = JSON.parse(JSON.stringify(parse(text)) ?? 'null') as T;
    }
    this.#used.set(key, reading);
    return reading;
  }

  /** How many readings came from the memo. */
  get reused(): number {
    return this.#reused;
  }

  /** Writes the readings this audit used (to a temporary file, then renamed: never half a memo). */
  save(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify({ salt: this.#salt, readings: Object.fromEntries(this.#used) } satisfies Stored));
    renameSync(temporary, this.#file);
  }
}
