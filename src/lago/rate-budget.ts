import { sleep } from './retry.js';
import type { HeaderSource } from './transport.js';

/**
 * Lago Cloud's budgets (getlago.com/docs/api-reference/rate-limits): per organization, shared by every API key,
 * 200 requests/s for current usage in a bucket of its own, 50 requests/s for the rest of the API.
 */
export type Bucket = 'api' | 'current_usage';

export const bucketOf = (path: string): Bucket => (/\/customers\/[^/]+\/current_usage(?:\?|$)/.test(path) ? 'current_usage' : 'api');

/** Lago's windows are one second; X-RateLimit-Reset counts whole seconds, too coarse to tell a window's length. */
const WINDOW_MS = 1000;
/**
 * The share of the limit the connector paces at. Requests spaced evenly at the full limit meet a fixed window
 * with one too many whenever arrivals jitter across its edge; a few percent under it costs as much in time.
 */
const PACE_SHARE = 0.96;
/** Requests that may go out at once after a quiet spell: small, so that no window receives more than its limit. */
const BURST = 2;

export interface RateLimitHeaders {
  limit: number;
  remaining: number | undefined;
  resetMs: number | undefined;
}

/** X-RateLimit-Limit (a positive number) and its companions, or undefined when Lago sent none (self-hosted). */
export function readRateLimitHeaders(headers: HeaderSource): RateLimitHeaders | undefined {
  const limit = Number(headers.get('x-ratelimit-limit') ?? NaN);
  if (!Number.isFinite(limit) || limit <= 0) return undefined;
  const number = (name: string) => {
    const text = headers.get(name);
    const value = text === null || text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const reset = number('x-ratelimit-reset');
  return { limit, remaining: number('x-ratelimit-remaining'), resetMs: reset === undefined ? undefined : reset > 1e9 ? Math.max(0, reset * 1000 - Date.now()) : reset * 1000 };
}

/**
 * One bucket's budget, learnt from the headers of its answers: requests are spaced to spend the limit (less the
 * share reserved for the user's own traffic) and no more, and a used-up window (Remaining under the reserve, or a
 * 429) holds them until its reset. Remaining counts every key of the organization, so traffic the connector did not
 * send makes it hold sooner. Until a first answer brings headers there is no budget: the caller bounds the load.
 */
export class RateBudget {
  private limit: number | undefined;
  private nextSlotAt = 0;
  private holdUntil = 0;

  constructor(
    /** Share of the limit left to the user's own billing traffic, 0 ≤ reserve < 1. */
    private readonly reserve: number,
    private readonly maxHoldMs: number,
  ) {}

  /** Whether Lago has said what this bucket's limit is. */
  get known(): boolean {
    return this.limit !== undefined;
  }

  /** Requests per second this budget spends, once known. */
  get rate(): number {
    return this.limit === undefined ? Infinity : ((this.limit * (1 - this.reserve) * PACE_SHARE) / WINDOW_MS) * 1000;
  }

  /** Waits for this request's turn. Reports a hold (a used-up window) through `onHold` before waiting it out. */
  async take(signal: AbortSignal, onHold?: (untilMs: number) => void | Promise<void>): Promise<void> {
    if (this.limit === undefined) return;
    const now = Date.now();
    const interval = 1000 / this.rate;
    const start = Math.max(now - BURST * interval, this.nextSlotAt, this.holdUntil);
    this.nextSlotAt = start + interval;
    if (this.holdUntil > now && start === this.holdUntil) await onHold?.(this.holdUntil);
    await sleep(start - now, signal);
  }

  /** What an answer's headers say; `refused` for a 429. */
  observe(headers: RateLimitHeaders, refused: boolean): void {
    this.limit = headers.limit;
    const floor = Math.floor(headers.limit * this.reserve);
    const spent = refused || (headers.remaining !== undefined && headers.remaining <= floor);
    if (!spent) return;
    const holdMs = Math.min(headers.resetMs ?? WINDOW_MS, this.maxHoldMs);
    this.holdUntil = Math.max(this.holdUntil, Date.now() + holdMs);
  }
}
