import { keyOf } from './context.js';
import { Deduplicator, DEDUPE_WINDOW_PAGES } from './dedupe.js';
import { KeyFingerprinter, NO_KEY, type PagePrints } from './fingerprint.js';

const EVENTS_KEY = [['external_subscription_id'], ['code'], ['timestamp'], ['transaction_id']];

/** Pairs of records whose keys differ only in how their text splits into parts, or in a part's type. */
const TRICKY: Array<[Record<string, unknown>, Record<string, unknown>]> = [
  [{ a: 'ab', b: 'c' }, { a: 'a', b: 'bc' }],
  [{ a: null, b: 'x' }, { a: 'null', b: 'x' }],
  [{ a: 7, b: 'x' }, { a: '7', b: 'x' }],
  [{ a: true, b: 'x' }, { a: 'true', b: 'x' }],
  [{ a: '', b: 'x' }, { a: null, b: 'x' }],
  [{ a: { n: 1 }, b: 'x' }, { a: '{"n":1}', b: 'x' }],
];

test('fingerprints follow keyOf: the same key, the same print; a record keyOf finds no key for has none', () => {
  const composite = new KeyFingerprinter([['a'], ['b']]);
  const records = [{ a: 'x', b: 'y' }, { a: 'x', b: 'y', other: 1 }, { a: null, b: 'y' }, { a: null, b: null }, { a: 'x' }, { b: 'y', a: 'x' }];
  const prints = composite.page(records);
  for (let i = 0; i < records.length; i += 1) {
    expect(prints.hi[i] === NO_KEY).toBe(keyOf(records[i]!, [['a'], ['b']]) === undefined);
    for (let j = 0; j < records.length; j += 1) {
      if (prints.hi[i] === NO_KEY || prints.hi[j] === NO_KEY) continue;
      const same = prints.hi[i] === prints.hi[j] && prints.lo[i] === prints.lo[j];
      expect(same).toBe(keyOf(records[i]!, [['a'], ['b']]) === keyOf(records[j]!, [['a'], ['b']]));
    }
  }
  // A one-field key is its value as text, as keyOf has it: 7 and "7" are one key; null has none.
  const single = new KeyFingerprinter([['id']]);
  expect(single.identity({ id: 7 })).toBe(single.identity({ id: '7' }));
  expect(single.identity({ id: null })).toBeUndefined();
  expect(single.identity({ id: 'a' })).not.toBe(single.identity({ id: 'b' }));
});

test('composite keys that run together as text, or differ only in a type, have different prints', () => {
  const fingerprints = new KeyFingerprinter([['a'], ['b']]);
  for (const [left, right] of TRICKY) expect(fingerprints.identity(left)).not.toBe(fingerprints.identity(right));
});

test('100,000 distinct event keys get 100,000 distinct prints, each half below 2^30', () => {
  const fingerprints = new KeyFingerprinter(EVENTS_KEY);
  const records = Array.from({ length: 100_000 }, (_, i) => ({
    external_subscription_id: `sub_${i % 40}`,
    code: i % 3 === 0 ? 'api_requests' : 'storage',
    timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    transaction_id: `txn_${i}`,
  }));
  const { hi, lo } = fingerprints.page(records);
  const seen = new Set<string>();
  for (let i = 0; i < records.length; i += 1) {
    expect(hi[i]).toBeGreaterThanOrEqual(0);
    expect(hi[i]).toBeLessThan(2 ** 30);
    expect(lo[i]).toBeGreaterThanOrEqual(0);
    seen.add(`${hi[i]}:${lo[i]}`);
  }
  expect(seen.size).toBe(records.length);
});

/** Prints given by hand, to reach the rare paths (two keys of the window sharing a half). */
const prints = (pairs: Array<[number, number]>): PagePrints => ({ hi: Int32Array.from(pairs.map(([h]) => h)), lo: Int32Array.from(pairs.map(([, l]) => l)) });
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

test('deduplication drops repeats within the window, and only them', () => {
  const dedupe = new Deduplicator([['id']]);
  expect(dedupe.fresh(rows(3), prints([[1, 10], [2, 20], [1, 10]]))).toEqual([{ i: 0 }, { i: 1 }]);
  dedupe.pageDone();
  expect(dedupe.fresh(rows(3), prints([[2, 20], [3, 30], [NO_KEY, 0]]))).toEqual([{ i: 1 }, { i: 2 }]);
  // A record without a key is never a repeat.
  expect(dedupe.fresh(rows(1), prints([[NO_KEY, 0]]))).toEqual([{ i: 0 }]);
});

test('two keys sharing one half are both remembered, and both forgotten with their pages', () => {
  const dedupe = new Deduplicator([['id']]);
  expect(dedupe.fresh(rows(2), prints([[5, 1], [5, 2]]))).toHaveLength(2);
  dedupe.pageDone();
  expect(dedupe.fresh(rows(3), prints([[5, 1], [5, 2], [5, 3]]))).toEqual([{ i: 2 }]);
  dedupe.pageDone();
  // The page that remembered [5,1] and [5,2] leaves the window; [5,3] (a page later) is still remembered.
  for (let page = 2; page < DEDUPE_WINDOW_PAGES; page += 1) dedupe.pageDone();
  expect(dedupe.fresh(rows(3), prints([[5, 1], [5, 2], [5, 3]]))).toEqual([{ i: 0 }, { i: 1 }]);
  for (let page = 0; page < DEDUPE_WINDOW_PAGES; page += 1) dedupe.pageDone();
  expect(dedupe.fresh(rows(3), prints([[5, 1], [5, 2], [5, 3]]))).toHaveLength(3);
});

test('keys carried from the slice before are dropped however long ago their page was', () => {
  const fingerprints = new KeyFingerprinter([['id']]);
  const dedupe = new Deduplicator([['id']]);
  dedupe.carryOver(new Set([fingerprints.identity({ id: 'edge' })!]));
  for (let page = 0; page < DEDUPE_WINDOW_PAGES + 2; page += 1) dedupe.pageDone();
  expect(dedupe.fresh([{ id: 'edge' }, { id: 'new' }])).toEqual([{ id: 'new' }]);
});

test('pages far larger than the ring it starts with (page_size 1,000): every key of the window kept, then forgotten', () => {
  const dedupe = new Deduplicator([['id']]);
  const page = (from: number, count: number) => prints(Array.from({ length: count }, (_, i): [number, number] => [from + i, 7]));
  for (let p = 0; p < 3; p += 1) {
    expect(dedupe.fresh(rows(1000), page(p * 1000, 1000))).toHaveLength(1000);
    dedupe.pageDone();
  }
  // All 3,000 remembered (the ring grew), a repeat from the first page among them.
  expect(dedupe.fresh(rows(3), prints([[0, 7], [2999, 7], [3000, 7]]))).toEqual([{ i: 2 }]);
  for (let p = 0; p < DEDUPE_WINDOW_PAGES; p += 1) dedupe.pageDone();
  expect(dedupe.fresh(rows(2), prints([[0, 7], [2999, 7]]))).toHaveLength(2);
});
