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
  /** identifies (pred, range) for caching on virtual arrays */
  cacheKey: string;
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
  const rows: { r: LagoRecord; rk: number; k: number }[] = [];
  const n = arr.length;
  for (let k = 0; k < n; k++) {
    const r = arr[k];
    if (r === undefined || r === null) continue;
    const rk = rankOf(q, r);
    if (!inRange(q, rk)) continue;
    if (q.pred && !q.pred(r)) continue;
    rows.push({ r, rk, k });
  }
  rows.sort((a, b) => a.rk - b.rk || a.k - b.k);
  const off = (page - 1) * perPage;
  return { items: rows.slice(off, off + perPage).map((x) => x.r), total: rows.length };
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
  list: number[] | null;
  lo: number;
  hi: number;
  /** overrides + tail that match, sorted, with their merged positions */
  extras: { r: LagoRecord; rk: number }[];
  extraPos: number[];
}

const cache = new WeakMap<VirtualState<LagoRecord>, Map<string, VirtualMatch>>();

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
  let list: number[] | null = null;
  let overridden = false;
  if (vs.overrides.size > 0) for (const k of vs.overrides.keys()) if (k >= lo && k < hi) overridden = true;
  if (q.pred || overridden) {
    list = [];
    for (let i = lo; i < hi; i++) {
      if (vs.overrides.has(i)) continue;
      if (q.basePred ? !q.basePred(i) : q.pred && !q.pred(vs.gen(i))) continue;
      list.push(i);
    }
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
  let perArray = cache.get(vs);
  if (!perArray) {
    perArray = new Map();
    cache.set(vs, perArray);
  }
  const key = `${vs.version}|${vs.baseLen}|${q.cacheKey}`;
  let m = perArray.get(key);
  if (!m) {
    m = buildMatch(vs, q);
    if (perArray.size >= 16) {
      const first = perArray.keys().next().value;
      if (first !== undefined) perArray.delete(first);
    }
    perArray.set(key, m);
  }
  const baseCount = m.list ? m.list.length : m.hi - m.lo;
  const total = baseCount + m.extras.length;
  const off = (page - 1) * perPage;
  const end = Math.min(off + perPage, total);
  const items: LagoRecord[] = [];
  // j = number of extras placed before merged position `pos`
  let j = upperBound(0, m.extraPos.length, (x) => m!.extraPos[x] as number, off - 1);
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
