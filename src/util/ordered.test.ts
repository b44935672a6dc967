import { mapOrdered } from './ordered.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('keeps order, bounds concurrency, and overlaps work', async () => {
  let running = 0;
  let peak = 0;
  const results: number[] = [];
  for await (const value of mapOrdered([1, 2, 3, 4, 5, 6, 7, 8], 4, async (n) => {
    running += 1;
    peak = Math.max(peak, running);
    await delay(n % 2 ? 30 : 5);
    running -= 1;
    return n * 10;
  })) results.push(value);
  expect(results).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
  expect(peak).toBe(4);
});

test('a slow consumer pauses the producer', async () => {
  let started = 0;
  const generator = mapOrdered([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3, async (n) => {
    started += 1;
    return n;
  });
  await generator.next();
  await delay(20);
  expect(started).toBeLessThanOrEqual(4);
  await generator.return(undefined);
});

test('a failure surfaces in order, after the results before it', async () => {
  const seen: number[] = [];
  const run = async () => {
    for await (const value of mapOrdered([1, 2, 3, 4], 4, async (n) => {
      if (n === 3) throw new Error('page 3 failed');
      await delay(5);
      return n;
    })) seen.push(value);
  };
  await expect(run()).rejects.toThrow('page 3 failed');
  expect(seen).toEqual([1, 2]);
});
