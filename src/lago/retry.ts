import type { HeaderSource } from './transport.js';

/** Retry timing: exponential backoff with full jitter, and the wait a 429 asks for. */

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a 429 asks us to wait, in ms: Retry-After (seconds or an HTTP date), else Lago Cloud's
 * X-RateLimit-Reset (seconds until the window resets); undefined when neither is usable.
 */
export function rateLimitWaitMs(headers: HeaderSource, nowMs: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && reset.trim() !== '' && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // An epoch timestamp rather than a number of seconds: convert it to a delay.
    return value > 1e9 ? Math.max(0, value * 1000 - nowMs) : Math.max(0, value * 1000);
  }
  return undefined;
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
