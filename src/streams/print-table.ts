/**
 * A map from a fingerprint's `hi` half to a small integer, in two typed arrays (open addressing, linear probing).
 * The deduplicator adds and removes a page of keys at every page; a `Map` doing that rebuilds its table every few
 * pages, and each table it drops had lived long enough to be copied by the garbage collector (≈ 5 MB of a 100k-event
 * read's survivors). This one is allocated once per size and removes without leaving tombstones.
 */

/** A free slot (`hi` halves are 0 … 2³⁰−1). */
const EMPTY = -1;

export class PrintTable {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  /** `capacity`: entries it will hold (it grows past that if need be). */
  constructor(capacity: number) {
    const slots = PrintTable.slotsFor(capacity);
    this.keys = new Int32Array(slots).fill(EMPTY);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Room for `capacity` entries at most half full: probe runs stay short. */
  private static slotsFor(capacity: number): number {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    return slots;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `key`, or undefined. */
  get(key: number): number | undefined {
    for (let slot = key & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.keys[slot]!;
      if (at === key) return this.values[slot];
      if (at === EMPTY) return undefined;
    }
  }

  set(key: number, value: number): void {
    let slot = key & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const at = this.keys[slot]!;
      if (at === key) {
        this.values[slot] = value;
        return;
      }
      if (at === EMPTY) break;
    }
    if ((this.count + 1) * 2 > this.keys.length) {
      this.grow();
      this.set(key, value);
      return;
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.count += 1;
  }

  /**
   * Removes `key`, moving back the entries after it that probed past its slot, so that every entry stays reachable
   * from its home slot without tombstones.
   */
  delete(key: number): void {
    let hole = key & this.mask;
    for (; ; hole = (hole + 1) & this.mask) {
      const at = this.keys[hole]!;
      if (at === key) break;
      if (at === EMPTY) return;
    }
    for (let slot = (hole + 1) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.keys[slot]!;
      if (at === EMPTY) break;
      const home = at & this.mask;
      // The entry may fill the hole unless its home lies cyclically after the hole, up to its own slot.
      const stays = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
      if (stays) continue;
      this.keys[hole] = at;
      this.values[hole] = this.values[slot]!;
      hole = slot;
    }
    this.keys[hole] = EMPTY;
    this.count -= 1;
  }

  private grow(): void {
    const { keys, values } = this;
    const slots = keys.length * 2;
    this.keys = new Int32Array(slots).fill(EMPTY);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot += 1) if (keys[slot] !== EMPTY) this.set(keys[slot]!, values[slot]!);
  }
}
