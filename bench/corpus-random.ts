/** The corpus generator's random numbers: seeded, and identical on every platform. */

/** 32-bit hash of a string (FNV-1a), to turn any seed into a PRNG state. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for test data; identical on every platform. */
function makeRng(seed: number | string): () => number {
  let state = hash32(`corpus:${seed}`);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly next: () => number;
  constructor(seed: number | string) {
    this.next = makeRng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** k distinct items, in the order drawn. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

/** Samples ranks 0..size-1 with P(rank r) ∝ 1/(r+1)^s (a Zipf law). */
export class Zipf {
  private readonly cumulative: Float64Array;
  constructor(size: number, s: number) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r += 1) {
      total += 1 / (r + 1) ** s;
      this.cumulative[r] = total;
    }
  }
  draw(random: Random): number {
    const target = random.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
