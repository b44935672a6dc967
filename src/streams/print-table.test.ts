import { PrintTable } from './print-table.js';

/** A small deterministic generator (xorshift), so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

test('agrees with a Map over a long run of sets, overwrites and deletes, with crowded home slots and growth', () => {
  const next = generator(12345);
  const table = new PrintTable(16);
  const model = new Map<number, number>();
  // Keys from a narrow range that share their low bits, their home slots at the very end of the table (which holds at
  // most 128 slots here): long probe runs that wrap around to its start.
  const key = () => ((next() % 64) * 1024 + 1021 + (next() % 3)) & 0x3fffffff;
  for (let step = 0; step < 50_000; step += 1) {
    const k = key();
    const op = next() % 3;
    if (op === 0) {
      table.set(k, step);
      model.set(k, step);
    } else if (op === 1) {
      table.delete(k);
      model.delete(k);
    }
    expect(table.get(k)).toBe(model.get(k));
    if (step % 1000 === 0) {
      expect(table.size).toBe(model.size);
      for (let probe = 1021; probe < 64 * 1024; probe += 1024) for (let low = 0; low < 3; low += 1) expect(table.get(probe + low)).toBe(model.get(probe + low));
    }
  }
});

test('deleting an entry keeps the entries that probed past it reachable (the run wraps around the end)', () => {
  const table = new PrintTable(4); // 16 slots
  // Homes 15, 15, 0, 15: they fill 15, 0, 1, 2 in that order.
  const keys = [15, 31, 16, 47];
  keys.forEach((key, value) => table.set(key, value));
  table.delete(31);
  expect(table.get(31)).toBeUndefined();
  expect(table.get(15)).toBe(0);
  expect(table.get(16)).toBe(2);
  expect(table.get(47)).toBe(3);
  table.delete(15);
  expect([table.get(16), table.get(47), table.size]).toEqual([2, 3, 2]);
  table.delete(99);
  expect(table.size).toBe(2);
});

test('grows past the capacity it was made for, keeping every entry', () => {
  const table = new PrintTable(16);
  for (let key = 0; key < 5000; key += 1) table.set(key * 7919, key);
  expect(table.size).toBe(5000);
  for (let key = 0; key < 5000; key += 1) expect(table.get(key * 7919)).toBe(key);
  expect(table.get(1)).toBeUndefined();
});
