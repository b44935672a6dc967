import { valueAt } from '../util/json.js';

/**
 * Primary keys as 60-bit fingerprints (two 30-bit halves), computed from the key's values in place: deduplication
 * and the loop guard look at every record, and a key string per record (built, flattened, hashed, kept for 20
 * pages) was most of what they cost, in allocation and in garbage collection. Both halves are small integers, so
 * maps of them and the typed arrays that hold them create no objects per record.
 *
 * Two different keys share a fingerprint with probability 2⁻⁶⁰ per comparison: with 2,000 keys remembered, about
 * one record in 5·10¹⁴ could be taken for a repeat. The seeds are drawn at start (unknown outside the process), so no
 * chosen key can be made to collide with another on purpose.
 */

/** `hi` of a record that has no usable key (never taken for a repeat, as keyOf's undefined). */
export const NO_KEY = -1;

const HALF = 0x3fffffff;

/** The fingerprints of a page's records, index for index. */
export interface PagePrints {
  hi: Int32Array;
  lo: Int32Array;
}

// Math.random, not node:crypto (whose 17 modules cost every start ≈ 5 ms): V8 seeds it from the system's entropy at
// start, and nothing outside the process sees its values, which is all that matters here.
const SEED_A = (Math.random() * 2 ** 32) | 0;
const SEED_B = (Math.random() * 2 ** 32) | 0;

/** murmur3's finaliser: every input bit reaches every output bit. */
function avalanche(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Fingerprints records by a primary key, with the same rules as `keyOf` (context.ts). */
export class KeyFingerprinter {
  /** Written by `hash` (two numbers without allocating a pair per record). */
  private a = 0;
  private b = 0;

  constructor(private readonly primaryKey: string[][]) {}

  /** The fingerprints of `records`; `hi` is NO_KEY where a record has no key. */
  page(records: ReadonlyArray<Record<string, unknown>>): PagePrints {
    const prints = { hi: new Int32Array(records.length), lo: new Int32Array(records.length) };
    for (let i = 0; i < records.length; i += 1) {
      if (this.hash(records[i]!)) {
        prints.hi[i] = this.a;
        prints.lo[i] = this.b;
      } else prints.hi[i] = NO_KEY;
    }
    return prints;
  }

  /** One record's fingerprint as text (`hi:lo`), or undefined without a key: for the few records kept by value. */
  identity(record: Record<string, unknown>): string | undefined {
    return this.hash(record) ? `${this.a}:${this.b}` : undefined;
  }

  /** Hashes a record's key into `a` and `b`; false when it has none. */
  private hash(record: Record<string, unknown>): boolean {
    const key = this.primaryKey;
    this.a = SEED_A;
    this.b = SEED_B;
    if (key.length === 1) {
      // A one-field key is its value as text (keyOf: String(value)), so 7 and "7" are the same key.
      const value = valueAt(record, key[0]!);
      if (value === undefined || value === null) return false;
      this.mix(typeof value === 'string' ? value : String(value));
    } else {
      // Composite: typed parts, each closed by its type and length so that no two keys run together; a null part
      // is a value, as long as some part is not null.
      let someValue = false;
      for (const path of key) {
        const part = valueAt(record, path);
        if (part === undefined) return false;
        if (part === null) {
          this.close(0, 0);
          continue;
        }
        someValue = true;
        if (typeof part === 'string') {
          this.mix(part);
          this.close(1, part.length);
        } else {
          const text = typeof part === 'number' || typeof part === 'boolean' ? `${typeof part}:${part}` : JSON.stringify(part);
          this.mix(text);
          this.close(2, text.length);
        }
      }
      if (!someValue) return false;
    }
    this.a = avalanche(this.a) & HALF;
    this.b = avalanche(this.b) & HALF;
    return true;
  }

  /** Two lanes over the UTF-16 code units: FNV-1a, and a murmur-style multiply-rotate with other constants. */
  private mix(text: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ Math.imul(c, 0xcc9e2d51), 0x1b873593);
      b = (b << 13) | (b >>> 19);
    }
    this.a = a;
    this.b = b;
  }

  /** Ends a part: its type and length enter both lanes. */
  private close(type: number, length: number): void {
    const tag = (length << 2) | type;
    this.a = Math.imul(this.a ^ tag, 0x01000193) ^ 0x9e3779b9;
    this.b = Math.imul(((this.b << 13) | (this.b >>> 19)) ^ tag, 0x1b873593) ^ 0x7f4a7c15;
  }
}
