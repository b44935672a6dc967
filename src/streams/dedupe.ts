import { KeyFingerprinter, NO_KEY, type PagePrints } from './fingerprint.js';

type Row = Record<string, unknown>;

/** Pages whose keys are remembered: repeats come from inserts shifting records to the next page. */
export const DEDUPE_WINDOW_PAGES = 20;

/** In `remembered`: more than one key of the window has this `hi`; they are in `shared`, by full fingerprint. */
const SHARED = -2;

/**
 * Drops records seen again within a read. Lists move while they are paged (an insert pushes a
 * record onto the next page), so keys of the last pages are kept, plus the keys a slice shares with
 * the one before it; memory stays flat however large the account. Keys are kept as fingerprints
 * (fingerprint.ts): one map of small integers, one look-up per record, nothing allocated per record.
 */
export class Deduplicator {
  readonly fingerprints: KeyFingerprinter;
  /** hi → lo of each key remembered, or SHARED. */
  private readonly remembered = new Map<number, number>();
  /** `hi:lo` of keys whose hi another remembered key also has (about one in 500,000 records). */
  private readonly shared = new Set<string>();
  /** The fingerprints each page of the window added, oldest first. */
  private readonly pages: PagePrints[] = [];
  private current: { hi: number[]; lo: number[] } = { hi: [], lo: [] };
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
    const out: Row[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const h = hi[i]!;
      if (h !== NO_KEY) {
        const l = lo[i]!;
        if (this.has(h, l) || (this.carriedHi.has(h) && this.carried.has(`${h}:${l}`))) continue;
        this.remember(h, l);
      }
      out.push(records[i]!);
    }
    return out;
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
    this.current.hi.push(hi);
    this.current.lo.push(lo);
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
    this.pages.push({ hi: Int32Array.from(this.current.hi), lo: Int32Array.from(this.current.lo) });
    this.current = { hi: [], lo: [] };
    if (this.pages.length < DEDUPE_WINDOW_PAGES) return;
    const oldest = this.pages.shift()!;
    for (let i = 0; i < oldest.hi.length; i += 1) this.forget(oldest.hi[i]!, oldest.lo[i]!);
  }

  carryOver(keys: Set<string>): void {
    this.carried = keys;
    this.carriedHi = new Set([...keys].map((key) => Number(key.split(':')[0])));
  }
}
