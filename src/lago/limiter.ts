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
  /** Waiters served before the others: see run's `urgent`. */
  private readonly urgent: Array<() => void> = [];

  constructor(readonly max: number) {
    this.current = Math.max(1, max);
  }

  get limit(): number {
    return this.current;
  }

  /**
   * Runs `task` once a slot is free. An `urgent` task takes the next free slot before the others waiting: a list read
   * page after page has one request at a time and nothing to overlap it with, so each wait it spends behind a
   * concurrent list's read-ahead lengthens the whole sync.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, urgent = false): Promise<T> {
    // A free slot, no pause and nobody waiting (most requests): taken at once, without awaiting anything.
    if (this.active < this.current && this.waiting.length === 0 && this.urgent.length === 0 && this.pausedUntil <= Date.now()) this.active += 1;
    else await this.acquire(signal, urgent);
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

  /** Lowers or raises the ceiling (never above `max`); a lower one takes effect as requests finish. */
  cap(limit: number): void {
    const capped = Math.max(1, Math.min(this.max, Math.floor(limit)));
    if (capped === this.current) return;
    const raised = capped > this.current;
    this.current = capped;
    if (raised) this.wake();
  }

  succeeded(): void {
    this.successes += 1;
    if (this.current < this.max && this.successes >= this.current * 4) {
      this.current += 1;
      this.successes = 0;
      this.wake();
    }
  }

  private async acquire(signal: AbortSignal | undefined, urgent: boolean): Promise<void> {
    while (this.active >= this.current) await new Promise<void>((resolve) => (urgent ? this.urgent : this.waiting).push(resolve));
    this.active += 1;
    const pause = this.pausedUntil - Date.now();
    if (pause > 0) await sleep(pause, signal);
  }

  private release(): void {
    this.active -= 1;
    this.wake();
  }

  /** Wakes as many waiters as there are free slots, urgent ones first; each re-checks (a newcomer may have taken it). */
  private wake(): void {
    for (let free = this.current - this.active; free > 0; free -= 1) {
      const next = this.urgent.shift() ?? this.waiting.shift();
      if (!next) return;
      next();
    }
  }
}
