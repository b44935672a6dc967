import type { RetryDetail } from './lago/client.js';

/**
 * Says why requests are retried: one line per stream and reason (the status, the error code, the kind of wait),
 * at its first retry. A flaky Lago retries hundreds of requests; the summary counts them, this says why.
 * Streams share one client: the stream is the one the request was labelled for (a child stream's reads of its
 * parent are the parent's), passed along with the retry rather than found from an async context, which would
 * put a hook on every promise of the sync.
 */
export class RetryNotices {
  private readonly said = new Set<string>();

  constructor(private readonly say: (message: string) => void | Promise<void>) {}

  /** ClientEvents.onRetry. */
  readonly onRetry = (reason: string, _attempt: number, delayMs: number, detail: RetryDetail): void | Promise<void> => {
    const stream = detail.stream ?? 'Lago';
    const key = `${stream}\u0000${detail.cause}\u0000${detail.wait}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    return this.say(`${stream}: ${what(reason, detail)}; ${how(delayMs, detail)}. Further retries for this reason are counted in the summary.`);
  };
}

/** The names of the statuses the client retries (errors.ts RETRIABLE_STATUSES). */
const STATUS_NAMES: Readonly<Record<number, string>> = { 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

function what(reason: string, detail: RetryDetail): string {
  if (detail.status === undefined) return reason;
  return `Lago answered ${detail.status} ${STATUS_NAMES[detail.status] ?? 'Error'}`;
}

function how(delayMs: number, detail: RetryDetail): string {
  if (detail.wait === 'window') return 'waiting for its rate-limit window to reset (X-RateLimit-Reset) before retrying';
  if (detail.wait === 'asked') return `retrying after the ${duration(delayMs)} it asked for (Retry-After or X-RateLimit-Reset)`;
  return `retrying with backoff (first wait ${duration(delayMs)})`;
}

/** 1234 → "1.2 s"; a wait under a second in ms (tests shrink the backoff to a few ms). */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
