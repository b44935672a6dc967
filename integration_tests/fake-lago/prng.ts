// Small deterministic hashing / PRNG helpers. Everything the fake generates is a pure function of
// (seed, resource tag, index), so a record can be rebuilt on demand without keeping it in memory.

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a few integers (indices up to 2^53 are folded in two halves). */
export function hash(a: number, b: number, c = 0, d = 0): number {
  let h = fmix((a >>> 0) ^ 0x9e3779b9);
  h = fmix(h ^ (b >>> 0));
  h = fmix(h ^ (Math.floor(b / 4294967296) >>> 0) ^ 0x27d4eb2f);
  h = fmix(h ^ (c >>> 0));
  h = fmix(h ^ (Math.floor(c / 4294967296) >>> 0) ^ 0x165667b1);
  h = fmix(h ^ (d >>> 0));
  return h;
}

/** Uniform float in [0, 1) from a hash. */
export function unit(h: number): number {
  return h / 4294967296;
}

/** mulberry32: a tiny sequential PRNG for the non-key fields of one record. */
export class Rng {
  private s: number;
  constructor(seed: number, tag: number, index: number) {
    this.s = hash(seed, index, tag, 0x5eed);
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    return v as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function hex32(v: number): string {
  return (HEX[(v >>> 24) & 255] as string) + HEX[(v >>> 16) & 255] + HEX[(v >>> 8) & 255] + HEX[v & 255];
}

/** Deterministic RFC 4122 version-4 shaped UUID for (seed, tag, index, salt). */
export function uuid(seed: number, tag: number, index: number, salt = 0): string {
  const a = hash(seed, index, tag, salt * 4 + 1);
  const b = hash(seed, index, tag, salt * 4 + 2);
  const c = hash(seed, index, tag, salt * 4 + 3);
  const d = hash(seed, index, tag, salt * 4 + 4);
  const bh = hex32(((b & 0xffff0fff) | 0x00004000) >>> 0);
  const ch = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
  const ah = hex32(a);
  return `${ah}-${bh.slice(0, 4)}-${bh.slice(4)}-${ch.slice(0, 4)}-${ch.slice(4)}${hex32(d)}`;
}

/** Short lowercase hex token (8 chars) for provider ids and the like. */
export function token(seed: number, tag: number, index: number, salt = 0): string {
  return hex32(hash(seed, index, tag, salt + 0x70c));
}

// ---- time helpers -------------------------------------------------------------------------------

export const DAY = 86_400_000;
/** The dataset's "now": every generated date lies roughly in [START_MS, END_MS]. */
export const START_MS = Date.UTC(2025, 0, 1);
export const END_MS = Date.UTC(2026, 10, 20);

// Formatting dates is a large share of generating a record: the YYYY-MM-DD part is memoised per
// day (a few thousand distinct days), the time of day is formatted arithmetically. Same output as
// Date#toISOString (which still handles anything unusual: NaN throws, dates before 1970 or after 9999).
const DAY_STRINGS = new Map<number, string>();
const TWO: string[] = [];
for (let i = 0; i < 100; i++) TWO.push(i < 10 ? `0${i}` : String(i));
const YEAR_10000 = Date.UTC(10000, 0, 1);
function dayString(day: number): string {
  let s = DAY_STRINGS.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (DAY_STRINGS.size < 100_000) DAY_STRINGS.set(day, s);
  }
  return s;
}
function hms(msOfDay: number): string {
  const sec = Math.floor(msOfDay / 1000);
  return `${TWO[Math.floor(sec / 3600)] as string}:${TWO[Math.floor(sec / 60) % 60] as string}:${TWO[sec % 60] as string}`;
}
const fast = (ms: number): boolean => ms >= 0 && ms < YEAR_10000;

/** ISO 8601 date-time with second precision, e.g. 2025-03-04T05:06:07Z. */
export function isoSec(ms: number): string {
  if (!fast(ms)) return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z';
  const s = Math.floor(ms / 1000) * 1000;
  const day = Math.floor(s / 86_400_000);
  return `${dayString(day)}T${hms(s - day * 86_400_000)}Z`;
}
/** ISO 8601 date-time with millisecond precision, e.g. 2025-03-04T05:06:07.123Z. */
export function isoMs(ms: number): string {
  if (!fast(ms)) return new Date(Math.floor(ms)).toISOString();
  const m = Math.floor(ms);
  const day = Math.floor(m / 86_400_000);
  const rest = m - day * 86_400_000;
  const milli = rest % 1000;
  return `${dayString(day)}T${hms(rest)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
/** YYYY-MM-DD. */
export function isoDate(ms: number): string {
  if (!fast(ms)) return new Date(ms).toISOString().slice(0, 10);
  return dayString(Math.floor(ms / 86_400_000));
}
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/**
 * Time of record `i` out of `n` for a resource whose API order is newest first: strictly decreasing in i,
 * spread over [START_MS, END_MS]. `jitter` in [0,1) moves it inside its slot without breaking the order.
 */
export function slotTime(i: number, n: number, jitter: number): number {
  const step = (END_MS - START_MS) / Math.max(n, 1);
  return END_MS - (i + 0.05 + 0.9 * jitter) * step;
}

/** Inverse of slotTime: the smallest index whose slot is at or before `ms` (clamped to [0, n-1]). */
export function firstIndexAtOrBefore(ms: number, n: number): number {
  const step = (END_MS - START_MS) / Math.max(n, 1);
  const i = Math.ceil((END_MS - ms) / step);
  return Math.min(Math.max(i, 0), Math.max(n - 1, 0));
}
