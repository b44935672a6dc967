// Lago Cloud's rate limits (getlago.com/docs/api-reference/rate-limits): per organization (every API key of the
// fake's one organization shares them), 50 requests/s for the API and 200 requests/s for current usage, counted
// in their own buckets; every answer carries X-RateLimit-Limit, -Remaining and -Reset (seconds until the window
// resets), and a request past the limit answers 429. Self-hosted lago-api has no limiter: unset, nothing is counted.

export interface RateLimits {
  /** requests per window for every endpoint but current usage (Lago Cloud: 50) */
  perWindow: number;
  /** requests per window for GET /customers/{id}/current_usage (Lago Cloud: 200) */
  currentUsagePerWindow: number;
  /** default 1000: Lago's limits are per second */
  windowMs?: number;
}

export const LAGO_CLOUD_LIMITS: RateLimits = { perWindow: 50, currentUsagePerWindow: 200 };

export type Bucket = 'api' | 'current_usage';

export const bucketOf = (path: string): Bucket => (/\/customers\/[^/]+\/current_usage$/.test(path) ? 'current_usage' : 'api');

export interface Admission {
  allowed: boolean;
  headers: Record<string, string>;
}

/**
 * Fixed windows aligned on the clock (a counter per window, as a Redis INCR per second would keep), one per bucket.
 * X-RateLimit-Reset is whole seconds, rounded up, as an HTTP header of seconds is.
 */
export class RateLimiter {
  private readonly windows = new Map<Bucket, { start: number; used: number }>();
  /** 429s answered, per bucket */
  readonly refused: Record<Bucket, number> = { api: 0, current_usage: 0 };

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {
    for (const [name, value] of [['perWindow', limits.perWindow], ['currentUsagePerWindow', limits.currentUsagePerWindow], ['windowMs', limits.windowMs ?? 1000]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`FakeLago: rateLimits.${name} must be a positive integer (got ${value})`);
    }
  }

  /** Counts a request against its bucket (a refused one counts too: Lago's counter sees it). */
  admit(path: string): Admission {
    const bucket = bucketOf(path);
    const windowMs = this.limits.windowMs ?? 1000;
    const limit = bucket === 'current_usage' ? this.limits.currentUsagePerWindow : this.limits.perWindow;
    const now = this.now();
    const start = now - (now % windowMs);
    let window = this.windows.get(bucket);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(bucket, window);
    }
    window.used += 1;
    const allowed = window.used <= limit;
    if (!allowed) this.refused[bucket] += 1;
    return {
      allowed,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - window.used)),
        'x-ratelimit-reset': String(Math.ceil((start + windowMs - now) / 1000)),
      },
    };
  }
}
