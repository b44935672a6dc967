import { sleep } from './retry.js';

/**
 * Bounds the requests in flight across a whole sync (pages, fan-out children, nested), and adapts:
 * a 429 halves the limit and pauses every request until the quota resets (the stream backs off as
 * one, not each worker on its own); successes ramp the limit back up one step at a time.
 */
export class AdaptiveLimiter {
  private active = 0;
  private current: number;
  private successes = 0;
  private pausedUntil = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    this.current = Math.max(1, max);
  }

  get limit(): number {
    return this.current;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Lago said 429: everyone waits until `untilMs`, and fewer requests run at once afterwards. */
  rateLimited(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.successes = 0;
  }

  succeeded(): void {
    this.successes += 1;
    if (this.current < this.max && this.successes >= this.current * 4) {
      this.current += 1;
      this.successes = 0;
      this.wake();
    }
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    while (this.active >= this.current) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    const pause = this.pausedUntil - Date.now();
    if (pause > 0) await sleep(pause, signal);
  }

  private release(): void {
    this.active -= 1;
    this.wake();
  }

  /** Lets every waiter re-check for a free slot (few waiters: simpler than counting hand-offs). */
  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
