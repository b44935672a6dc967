import { AdaptiveLimiter } from './limiter.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('never runs more tasks at once than the limit', async () => {
  const limiter = new AdaptiveLimiter(3);
  let running = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 20 }, () =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await delay(2);
        running -= 1;
      }),
    ),
  );
  expect(peak).toBe(3);
});

test('a 429 halves the limit and holds every new request until the reset; successes ramp it back', async () => {
  const limiter = new AdaptiveLimiter(8);
  const resetAt = Date.now() + 40;
  limiter.rateLimited(resetAt);
  expect(limiter.limit).toBe(4);
  const startedAt: number[] = [];
  await Promise.all(Array.from({ length: 3 }, () => limiter.run(async () => startedAt.push(Date.now()))));
  for (const time of startedAt) expect(time).toBeGreaterThanOrEqual(resetAt - 1);
  for (let i = 0; i < 4 * 4; i += 1) limiter.succeeded();
  expect(limiter.limit).toBe(5);
  limiter.rateLimited(0);
  limiter.rateLimited(0);
  limiter.rateLimited(0);
  expect(limiter.limit).toBe(1);
});

test('an urgent task takes the next free slot before tasks that were waiting longer', async () => {
  const limiter = new AdaptiveLimiter(1);
  const order: string[] = [];
  let release!: () => void;
  const holding = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
  const waiting = ['a', 'b'].map((name) => limiter.run(async () => void order.push(name)));
  const urgent = limiter.run(async () => void order.push('urgent'), undefined, true);
  await delay(5); // the first task holds the slot; the other three queue
  expect(order).toEqual([]);
  release();
  await Promise.all([holding, ...waiting, urgent]);
  expect(order).toEqual(['urgent', 'a', 'b']);
});

test('cap lowers the ceiling for the tasks that start next and raises it back, never above max', async () => {
  const limiter = new AdaptiveLimiter(6);
  limiter.cap(2);
  expect(limiter.limit).toBe(2);
  let running = 0;
  let peak = 0;
  const task = async () => {
    running += 1;
    peak = Math.max(peak, running);
    await delay(2);
    running -= 1;
  };
  await Promise.all(Array.from({ length: 8 }, () => limiter.run(task)));
  expect(peak).toBe(2);
  limiter.cap(100);
  expect(limiter.limit).toBe(6);
});
