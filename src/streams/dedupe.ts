import { KeyFingerprinter, NO_KEY, type PagePrints } from './fingerprint.js';
import { PrintTable } from './print-table.js';

type Row = Record<string, unknown>;

/** Pages whose keys are remembered: repeats come from inserts shifting records to the next page. */
export const DEDUPE_WINDOW_PAGES = 20;

/** In `remembered`: more than one key of the window has this `hi`; they are in `shared`, by full fingerprint. */
const SHARED = -2;

/**
 * Drops records seen again within a read. Lists move while they are paged (an insert pushes a
 * record onto the next page), so keys of the last pages are kept, plus the keys a slice shares with
 * the one before it; memory stays flat however large the account. Keys are kept as fingerprints
 * (fingerprint.ts): one table of small integers (print-table.ts), one look-up per record, nothing allocated per record.
 */
export class Deduplicator {
  private readonly fingerprints: KeyFingerprinter;
  /** hi → lo of each key remembered, or SHARED. */
  private readonly remembered = new PrintTable(1024);
  /** `hi:lo` of keys whose hi another remembered key also has (about one in 500,000 records). */
  private readonly shared = new Set<string>();
  /** The fingerprints remembered, oldest first, in a ring (positions count up forever; `& mask` finds the slot). */
  private ring: PagePrints = { hi: new Int32Array(1024), lo: new Int32Array(1024) };
  private oldest = 0;
  private next = 0;
  /** Where each page of the window ends in the ring, oldest first. */
  private readonly pageEnds: number[] = [];
  private carried = new Set<string>();
  /** The `hi` halves in `carried`, checked first so that most records build no string. */
  private carriedHi = new Set<number>();

  constructor(private readonly primaryKey: string[][]) {
    this.fingerprints = new KeyFingerprinter(primaryKey);
  }

  /** A record's key as text (its fingerprint), or undefined without one: for keys carried from slice to slice. */
  identity(record: Row): string | undefined {
    return this.fingerprints.identity(record);
  }

  /** The records not seen before (remembering them); `prints`, when given, are theirs. */
  fresh(records: Row[], prints?: PagePrints): Row[] {
    if (this.primaryKey.length === 0) return records;
    const { hi, lo } = prints ?? this.fingerprints.page(records);
    // A page with no repeat (nearly all of them) is returned as it came: no copy.
    let out: Row[] | undefined;
    for (let i = 0; i < records.length; i += 1) {
      const h = hi[i]!;
      if (h !== NO_KEY) {
        const l = lo[i]!;
        if (this.has(h, l) || (this.carriedHi.has(h) && this.carried.has(`${h}:${l}`))) {
          out ??= records.slice(0, i);
          continue;
        }
        this.remember(h, l);
      }
      out?.push(records[i]!);
    }
    return out ?? records;
  }

  private has(hi: number, lo: number): boolean {
    const known = this.remembered.get(hi);
    if (known === undefined) return false;
    return known === lo || (known === SHARED && this.shared.has(`${hi}:${lo}`));
  }

  /** Only keys not seen before are remembered, so each is remembered once and forgetting its page forgets it. */
  private remember(hi: number, lo: number): void {
    const known = this.remembered.get(hi);
    if (known === undefined) this.remembered.set(hi, lo);
    else {
      if (known !== SHARED) {
        this.shared.add(`${hi}:${known}`);
        this.remembered.set(hi, SHARED);
      }
      this.shared.add(`${hi}:${lo}`);
    }
    if (this.next - this.oldest === this.ring.hi.length) this.grow();
    const slot = this.next & (this.ring.hi.length - 1);
    this.ring.hi[slot] = hi;
    this.ring.lo[slot] = lo;
    this.next += 1;
  }

  private forget(hi: number, lo: number): void {
    const known = this.remembered.get(hi);
    if (known === lo) this.remembered.delete(hi);
    else if (known === SHARED) {
      this.shared.delete(`${hi}:${lo}`);
      // The last of the keys sharing this hi gone: the marker goes too, so memory stays flat.
      if (![...this.shared].some((key) => key.startsWith(`${hi}:`))) this.remembered.delete(hi);
    }
  }

  pageDone(): void {
    this.pageEnds.push(this.next);
    if (this.pageEnds.length < DEDUPE_WINDOW_PAGES) return;
    const end = this.pageEnds.shift()!;
    const mask = this.ring.hi.length - 1;
    for (; this.oldest < end; this.oldest += 1) this.forget(this.ring.hi[this.oldest & mask]!, this.ring.lo[this.oldest & mask]!);
  }

  /** Twice the room (large pages): the window's fingerprints copied to their slots in the larger ring. */
  private grow(): void {
    const size = this.ring.hi.length * 2;
    const ring = { hi: new Int32Array(size), lo: new Int32Array(size) };
    for (let at = this.oldest; at < this.next; at += 1) {
      ring.hi[at & (size - 1)] = this.ring.hi[at & (size / 2 - 1)]!;
      ring.lo[at & (size - 1)] = this.ring.lo[at & (size / 2 - 1)]!;
    }
    this.ring = ring;
  }

  carryOver(keys: Set<string>): void {
    this.carried = keys;
    this.carriedHi = new Set([...keys].map((key) => Number(key.split(':')[0])));
  }
}
