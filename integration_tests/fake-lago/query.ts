// Filtering, sorting and page slicing over a resource array (plain Array or virtual Proxy).
import { HOLE, virtualState, type VirtualState } from './virtual.js';
import type { LagoRecord } from './types.js';

export interface ListQuery {
  /** sort rank: results come in ascending rank order, ties in array order */
  rank: (r: LagoRecord) => number;
  /**
   * the same rank computed cheaply for generated element i (non-decreasing in i); defaults to
   * rank(gen(i)), which is fine when no range is given (it is then only used O(log n) times)
   */
  baseRank?: (i: number) => number;
  /** the generated order is NOT the sort order: always filter and sort everything (small resources) */
  unsorted?: boolean;
  /** inclusive rank range (applied to every element) */
  range?: { lo: number; hi: number };
  /** other filters */
  pred?: (r: LagoRecord) => boolean;
  /** pred evaluated on generated element i without building it (must agree with pred) */
  basePred?: (i: number) => boolean;
  /** identifies (pred, range) for caching */
  cacheKey: string;
  /** identifies `rank` (one per resource) for caching */
  sortKey: string;
}

export interface PageResult {
  items: LagoRecord[];
  total: number;
}

function rankOf(q: ListQuery, r: LagoRecord): number {
  const v = q.rank(r);
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}

function inRange(q: ListQuery, rk: number): boolean {
  return !q.range || (rk >= q.range.lo && rk <= q.range.hi);
}

/** Page `page` (1-based) of `perPage` items of the matching, sorted elements. */
export function listPage(arr: readonly LagoRecord[], q: ListQuery, page: number, perPage: number): PageResult {
  const vs = virtualState(arr);
  if (vs && !q.unsorted) {
    const vq: ListQuery = q.baseRank ? q : { ...q, baseRank: (i: number) => rankOf(q, vs.gen(i)) };
    return virtualPage(vs, vq, page, perPage);
  }
  const idx = scanMatch(arr, vs, q);
  const off = (page - 1) * perPage;
  const end = Math.min(off + perPage, idx.length);
  const items: LagoRecord[] = [];
  for (let pos = off; pos < end; pos++) items.push(arr[idx[pos] as number] as LagoRecord);
  return { items, total: idx.length };
}

// ---- cache bookkeeping --------------------------------------------------------------------------
//
// Derived orderings / filter results are cached per array object and keyed on its data version.
// A virtual array counts its own writes (VirtualState.version). A plain array is not observed: on
// each request its elements are compared (by identity, O(n) pointer compares, some 10–40 µs for 10 000
// rows) with a snapshot taken when its caches were built; any push / splice / `arr[i] = …` /
// delete / sort / length change since then bumps its version. Editing a record's fields in place is
// not a change of the array: the served record shows the edit, but its position and filter
// membership stay as cached until the array itself changes.

const MAX_ENTRIES = 16;

interface CacheSlot<V> {
  version: string | number;
  entries: Map<string, V>;
}

interface PlainTrack {
  snap: unknown[];
  version: number;
}
const plainTracks = new WeakMap<readonly LagoRecord[], PlainTrack>();

/** version of a plain array: bumped whenever its elements (or length) differ from the last snapshot */
function plainVersion(arr: readonly LagoRecord[]): number {
  const t = plainTracks.get(arr);
  if (!t) {
    plainTracks.set(arr, { snap: Array.prototype.slice.call(arr), version: 0 });
    return 0;
  }
  const s = t.snap;
  const n = arr.length;
  let same = s.length === n;
  for (let k = 0; same && k < n; k++) if (arr[k] !== s[k]) same = false;
  if (!same) {
    t.version++;
    t.snap = Array.prototype.slice.call(arr);
  }
  return t.version;
}

function slotFor<K extends object, V>(caches: WeakMap<K, CacheSlot<V>>, owner: K, version: string | number): Map<string, V> {
  let slot = caches.get(owner);
  if (!slot || slot.version !== version) {
    slot = { version, entries: new Map() };
    caches.set(owner, slot);
  }
  return slot.entries;
}

function remember<V>(entries: Map<string, V>, key: string, v: V): V {
  if (entries.size >= MAX_ENTRIES) {
    const first = entries.keys().next().value;
    if (first !== undefined) entries.delete(first);
  }
  entries.set(key, v);
  return v;
}

// ---- full scan (plain arrays, and virtual arrays whose index order is not the sort order) -------

/** every present element in page order: indices and their ranks (ascending rank, ties in array order) */
interface SortedBase {
  order: Int32Array;
  ranks: Float64Array;
}

const scanCaches = new WeakMap<readonly LagoRecord[], CacheSlot<Int32Array>>();
const baseCaches = new WeakMap<readonly LagoRecord[], CacheSlot<SortedBase>>();

function sortedBase(arr: readonly LagoRecord[], version: string | number, q: ListQuery): SortedBase {
  const entries = slotFor(baseCaches, arr, version);
  const hit = entries.get(q.sortKey);
  if (hit) return hit;
  const ks: number[] = [];
  const rks: number[] = [];
  const n = arr.length;
  let sorted = true;
  for (let k = 0; k < n; k++) {
    const r = arr[k];
    if (r === undefined || r === null) continue;
    const rk = rankOf(q, r);
    if (sorted && rks.length > 0 && !((rks[rks.length - 1] as number) <= rk)) sorted = false;
    ks.push(k);
    rks.push(rk);
  }
  let base: SortedBase;
  if (sorted) base = { order: Int32Array.from(ks), ranks: Float64Array.from(rks) };
  else {
    const pos = Array.from(ks.keys());
    pos.sort((a, b) => (rks[a] as number) - (rks[b] as number) || a - b);
    base = { order: Int32Array.from(pos, (j) => ks[j] as number), ranks: Float64Array.from(pos, (j) => rks[j] as number) };
  }
  return remember(entries, q.sortKey, base);
}

/** indices of the matching elements in page order (ascending rank, ties in array order), cached */
function scanMatch(arr: readonly LagoRecord[], vs: VirtualState<LagoRecord> | undefined, q: ListQuery): Int32Array {
  const version = vs ? `${vs.version}|${vs.baseLen}` : plainVersion(arr);
  const entries = slotFor(scanCaches, arr, version);
  const key = `${q.sortKey}|${q.cacheKey}`;
  const hit = entries.get(key);
  if (hit) return hit;
  // sorting (and filtering) the sorted base keeps the (rank, index) order of sorting the matches
  const { order, ranks } = sortedBase(arr, version, q);
  let lo = 0;
  let hi = order.length;
  if (q.range) {
    const { lo: rlo, hi: rhi } = q.range;
    lo = lowerBound(0, order.length, (x) => ranks[x] as number, rlo);
    hi = upperBound(lo, order.length, (x) => ranks[x] as number, rhi);
  }
  let out = order.subarray(lo, hi);
  if (q.pred) {
    const found: number[] = [];
    for (let x = lo; x < hi; x++) {
      const k = order[x] as number;
      if (q.pred(arr[k] as LagoRecord)) found.push(k);
    }
    out = Int32Array.from(found);
  }
  return remember(entries, key, out);
}

/** First element matching `pred`; `hint` is an index to try first (cheap lookups in virtual arrays). */
export function findRecord(arr: readonly LagoRecord[], pred: (r: LagoRecord) => boolean, hint?: number): LagoRecord | undefined {
  const vs = virtualState(arr);
  if (!vs) return arr.find((r) => r !== undefined && r !== null && pred(r));
  if (hint !== undefined && hint >= 0 && hint < vs.baseLen && !vs.overrides.has(hint)) {
    const r = vs.gen(hint);
    if (pred(r)) return r;
  }
  for (const o of vs.overrides.values()) if (o !== HOLE && o && pred(o)) return o;
  for (const o of vs.tail) if (o !== HOLE && o && pred(o)) return o;
  if (hint !== undefined) return undefined; // the hint is authoritative for generated rows
  for (let i = 0; i < vs.baseLen; i++) {
    if (vs.overrides.has(i)) continue;
    const r = vs.gen(i);
    if (pred(r)) return r;
  }
  return undefined;
}

// ---- virtual arrays --------------------------------------------------------------------------------

interface VirtualMatch {
  /** matching base indices (ascending), or null for the whole contiguous range [lo, hi) */
  list: Int32Array | null;
  lo: number;
  hi: number;
  /** overrides + tail that match, sorted, with their merged positions */
  extras: { r: LagoRecord; rk: number }[];
  extraPos: number[];
}

const virtualCaches = new WeakMap<VirtualState<LagoRecord>, CacheSlot<VirtualMatch>>();

function lowerBound(lo: number, hi: number, f: (i: number) => number, x: number): number {
  // first i in [lo,hi) with f(i) >= x
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (f(m) < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
function upperBound(lo: number, hi: number, f: (i: number) => number, x: number): number {
  // first i in [lo,hi) with f(i) > x
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (f(m) <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function buildMatch(vs: VirtualState<LagoRecord>, q: ListQuery): VirtualMatch {
  const baseRank = q.baseRank as (i: number) => number;
  let lo = 0;
  let hi = vs.baseLen;
  if (q.range) {
    lo = lowerBound(0, vs.baseLen, baseRank, q.range.lo);
    hi = upperBound(lo, vs.baseLen, baseRank, q.range.hi);
  }
  let list: Int32Array | null = null;
  let overridden = false;
  if (vs.overrides.size > 0) for (const k of vs.overrides.keys()) if (k >= lo && k < hi) overridden = true;
  if (q.pred || overridden) {
    const found: number[] = [];
    for (let i = lo; i < hi; i++) {
      if (vs.overrides.has(i)) continue;
      if (q.basePred ? !q.basePred(i) : q.pred && !q.pred(vs.gen(i))) continue;
      found.push(i);
    }
    list = Int32Array.from(found);
  }
  const extras: { r: LagoRecord; rk: number; k: number }[] = [];
  let k = 0;
  const consider = (o: LagoRecord | typeof HOLE): void => {
    k++;
    if (o === HOLE || !o) return;
    const rk = rankOf(q, o);
    if (!inRange(q, rk)) return;
    if (q.pred && !q.pred(o)) return;
    extras.push({ r: o, rk, k });
  };
  for (const o of vs.overrides.values()) consider(o);
  for (const o of vs.tail) consider(o);
  extras.sort((a, b) => a.rk - b.rk || a.k - b.k);
  // merged position of each extra: base rows with rank <= its rank come first
  const extraPos = extras.map((e, j) => {
    const before = list
      ? upperBound(0, list.length, (x) => baseRank(list[x] as number), e.rk)
      : upperBound(lo, hi, baseRank, e.rk) - lo;
    return before + j;
  });
  return { list, lo, hi, extras, extraPos };
}

function virtualPage(vs: VirtualState<LagoRecord>, q: ListQuery, page: number, perPage: number): PageResult {
  const entries = slotFor(virtualCaches, vs, `${vs.version}|${vs.baseLen}`);
  const key = `${q.sortKey}|${q.cacheKey}`;
  const m = entries.get(key) ?? remember(entries, key, buildMatch(vs, q));
  const baseCount = m.list ? m.list.length : m.hi - m.lo;
  const total = baseCount + m.extras.length;
  const off = (page - 1) * perPage;
  const end = Math.min(off + perPage, total);
  const items: LagoRecord[] = [];
  // j = number of extras placed before merged position `pos`
  let j = upperBound(0, m.extraPos.length, (x) => m.extraPos[x] as number, off - 1);
  for (let pos = off; pos < end; pos++) {
    if (j < m.extraPos.length && m.extraPos[j] === pos) {
      items.push((m.extras[j] as { r: LagoRecord }).r);
      j++;
      continue;
    }
    const b = pos - j;
    const idx = m.list ? (m.list[b] as number) : m.lo + b;
    items.push(vs.gen(idx));
  }
  return { items, total };
}
