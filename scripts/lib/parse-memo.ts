/**
 * What the audit's parsers read from a built document, remembered by the document's bytes from
 * one build to the next. A publish changes a few hundred of the site's documents; every other one
 * has the same bytes, and the same bytes give the same reading. The memo is tied to the parsers'
 * code (built-documents.ts and the audit that names them, audit.ts), to the installed packages (package-lock.json) and to the Node that
 * stores it: a change to any starts it afresh. Only readings used by this audit are saved, so it
 * never outgrows the site.
 *
 * Documents are given as bytes, hashed as read from disk: a remembered reading needs no decoding,
 * and text is decoded only for a document the memo has not seen. The memo is kept in V8's
 * serialization format, which Node writes and reads several times faster than JSON of the same
 * readings.
 */
import { createHash, hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

interface Stored {
  salt: string;
  readings: Map<string, unknown>;
}

/** A document as read from disk, or as text (hashed as its UTF-8 bytes). */
export type DocumentBytes = string | Uint8Array;

function digest(document: DocumentBytes): string {
  return hash('sha1', document, 'base64url');
}

function decode(document: DocumentBytes): string {
  return typeof document === 'string' ? document : Buffer.from(document.buffer, document.byteOffset, document.byteLength).toString('utf8');
}

/** The parsers' code, the packages they use and the Node that stores the memo, as one digest. */
function parserSalt(): string {
  const sha = createHash('sha256');
  sha.update(`node ${process.version}\n`);
  for (const file of ['./built-documents.ts', '../audit.ts', '../../package-lock.json'].map((path) => new URL(path, import.meta.url))) {
    try {
      sha.update(readFileSync(file));
    } catch {
      sha.update(`no ${file.pathname}`);
    }
  }
  return sha.digest('base64url');
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
      const stored = deserialize(readFileSync(file)) as Partial<Stored> | null;
      if (stored?.salt === salt && stored.readings instanceof Map) previous = stored.readings;
    } catch {
      // No memo yet, or one cut short: every document is read again.
    }
    return new ParseMemo(file, salt, previous);
  }

  /** parse(text), or what it gave for the same kind of reading of the same bytes. */
  read<T>(kind: string, document: DocumentBytes, parse: (text: string) => T): T {
    const key = `${kind}:${digest(document)}`;
    if (this.#used.has(key)) return this.#used.get(key) as T;
    let reading: T;
    if (this.#previous.has(key)) {
      reading = this.#previous.get(key) as T;
      this.#reused += 1;
    } else {
      // Normalised as JSON would store it (no undefined fields), so every reading looks alike.
      reading = JSON.parse(JSON.stringify(parse(decode(document))) ?? 'null') as T;
    }
    this.#used.set(key, reading);
    return reading;
  }

  /** How many readings came from the memo. */
  get reused(): number {
    return this.#reused;
  }

  /** Whether the readings this audit used are exactly those the memo held: saving would change nothing. */
  get unchanged(): boolean {
    return this.#reused === this.#used.size && this.#used.size === this.#previous.size;
  }

  /**
   * Writes the readings this audit used (to a temporary file, then renamed: never half a memo);
   * nothing when they are exactly the ones stored.
   */
  save(): void {
    if (!this.#file || this.unchanged) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const temporary = `${this.#file}.${process.pid}`;
    writeFileSync(temporary, serialize({ salt: this.#salt, readings: this.#used } satisfies Stored));
    renameSync(temporary, this.#file);
  }
}
