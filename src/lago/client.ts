import { setMaxListeners } from 'node:events';
import { ConfigError, HostUnreachableError, TransientError } from '../errors.js';
import { LagoHttpError, RETRIABLE_STATUSES, type LagoErrorBody } from './errors.js';
import { describeRequest, toSearchParams, type QueryParams } from './query.js';
import { AdaptiveLimiter } from './limiter.js';
import { RateBudget, bucketOf, readRateLimitHeaders, type Bucket } from './rate-budget.js';
import { backoffDelay, rateLimitWaitMs, sleep, type RetryPolicy } from './retry.js';
import { ACCEPT_ENCODING, exchange, RequestRefused, type HttpAnswer, type Target } from './transport.js';

export interface LagoClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Longest single wait a 429 may impose; longer asks are capped to this. */
  maxRateLimitWaitMs: number;
  /** Requests in flight at once, across the whole sync (default 1), while Lago sends no rate-limit headers. */
  maxConcurrency?: number;
  /** Share of Lago Cloud's rate limits left to the user's own traffic (0 ≤ share < 1; default 0). */
  rateLimitReserve?: number;
  signal?: AbortSignal;
}

export interface ClientEvents {
  /** Lago asked us to slow down; `resetAtMs` is when the quota resets (epoch ms). */
  onRateLimited?: (resetAtMs: number) => void | Promise<void>;
  /** A failed request is about to be retried; `detail` says why in a form that groups alike retries. */
  onRetry?: (reason: string, attempt: number, delayMs: number, detail: RetryDetail) => void | Promise<void>;
  /** Every request as sent (method and full URL; the key is in a header, never in the URL). */
  onRequest?: (method: string, url: string) => void;
  /** Every HTTP answer (each attempt, retried or not): for request metrics. Not called when no answer came. */
  onResponse?: (response: ResponseInfo) => void;
}

/** One HTTP answer, described without its query (which may carry filter values) or anything from the headers. */
export interface ResponseInfo {
  /** The request's label, when the caller gave one. */
  stream: string | undefined;
  /** The label's path template (`/customers/{external_customer_id}/current_usage`), else the path below the base URL. */
  endpoint: string;
  status: number;
  /** From sending the request to having the whole body. */
  seconds: number;
}

/**
 * What a retry is for: `cause` is the HTTP status (`503`), the network error's code (`ECONNRESET`, `timeout`) or the
 * kind of bad answer (`not-json`, `empty-body`); `wait` is how the wait is chosen: exponential backoff, the wait
 * Lago asked for (Retry-After, X-RateLimit-Reset), or until the rate-limit window Lago announced resets.
 */
export interface RetryDetail {
  /** The stream the request was made for (its label), when the caller said. */
  stream?: string | undefined;
  cause: string;
  status?: number;
  wait: 'backoff' | 'asked' | 'window';
}

export interface RequestOptions {
  /** Ends this request (and its retries) early, e.g. when the stream that asked for it stopped. */
  signal?: AbortSignal | undefined;
  method?: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Goes ahead of requests waiting for a slot: the next page of a list read page after page (limiter.ts). */
  urgent?: boolean;
  /** What the request is for, as onResponse reports it. */
  label?: { stream: string; endpoint: string };
  /**
   * Resolve with a 2xx answer's bytes, not decoded or parsed (requestBytes): a page read ahead then waits outside
   * the JavaScript heap, rather than as thousands of objects (or one large string) the garbage collector must keep.
   */
  bytes?: boolean;
  /** The length of a 2xx body from requestBytes that did not parse: that was this request's first failed attempt. */
  unparsedBytes?: number;
}

const UTF8 = new TextDecoder();

/** The text of a body from requestBytes (UTF-8, a byte-order mark dropped, as fetch's text() read it). */
export const decodeBody = (body: Uint8Array): string => UTF8.decode(body);

/** The most requests of one bucket in flight, and read ahead by one list: Lago Cloud's 50/s at up to ≈ 1 s per answer. */
const MAX_READ_AHEAD = 64;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

type Attempt =
  | { kind: 'ok'; body: unknown }
  | { kind: 'retry'; reason: string; cause: string; waitMs?: number; status?: number; body?: LagoErrorBody; unreachable?: boolean; budgeted?: boolean }
  | { kind: 'fail'; error: Error };

/**
 * Talks to one Lago API: bearer auth, timeouts, retries. Authorization goes only to the configured
 * origin: redirects are not followed (transport.ts), since following them would carry the header to wherever they point.
 */
export class LagoClient {
  /** Sent with every request; the key goes nowhere else. */
  private readonly headers: Readonly<Record<string, string>>;
  private readonly origin: string;
  /** The base URL's path, without a trailing slash: what an unlabelled request's endpoint is reported below. */
  private readonly basePath: string;
  private readonly limiter: AdaptiveLimiter;
  /** Lago Cloud's budgets, per bucket, paced from X-RateLimit-* once an answer has carried them. */
  private readonly budgets: Record<Bucket, RateBudget>;
  /** In flight per bucket once its budget is known: at most a window's worth (the budget, not this, sets the pace). */
  private readonly paced: Record<Bucket, AdaptiveLimiter | undefined> = { api: undefined, current_usage: undefined };
  /** Seconds from sending a request to having its body, smoothed, per bucket. */
  private readonly latency: Record<Bucket, number> = { api: 0, current_usage: 0 };
  retries = 0;
  private markAnswered!: () => void;
  /** Resolves at the first answer with a 2xx: the key and the host work. */
  readonly answered = new Promise<void>((resolve) => (this.markAnswered = resolve));
  /** Set once a request spent its retries on a host that cannot be reached: every later request fails with it. */
  private unreachable: HostUnreachableError | undefined;

  constructor(
    private readonly options: LagoClientOptions,
    private readonly events: ClientEvents = {},
  ) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    // Every request in flight listens on the sync's signal until it ends: many at once is no leak.
    if (options.signal) setMaxListeners(0, options.signal);
    this.limiter = new AdaptiveLimiter(options.maxConcurrency ?? 1);
    const reserve = options.rateLimitReserve ?? 0;
    this.budgets = { api: new RateBudget(reserve, options.maxRateLimitWaitMs), current_usage: new RateBudget(reserve, options.maxRateLimitWaitMs) };
    this.headers = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING, 'user-agent': 'source-lago' };
  }

  /**
   * How many requests to `path` (its bucket) are worth having in flight: max_concurrency without rate-limit
   * headers; with them, enough to spend the budget at the latency measured (rate × latency, with room).
   */
  readAhead(path: string): number {
    const max = this.options.maxConcurrency ?? 1;
    const bucket = bucketOf(path);
    const budget = this.budgets[bucket];
    if (!budget.known) return max;
    return Math.max(max, this.inFlightTarget(bucket));
  }

  /** Requests that spend a bucket's budget at the latency measured: rate × latency, with room for jitter. */
  private inFlightTarget(bucket: Bucket): number {
    return Math.min(MAX_READ_AHEAD, Math.ceil(this.budgets[bucket].rate * this.latency[bucket] * 1.3) + 2);
  }

  /** GET a Lago path (relative to the base URL, or an absolute URL on the same origin) and parse its JSON. */
  get(path: string, params: QueryParams = {}): Promise<unknown> {
    return this.request(path, params);
  }

  /**
   * A 2xx answer's body as bytes, not parsed (never empty; the caller decodes it with decodeBody and parses it, and asks
   * again with requestAfterUnparsed for a body that does not parse). Failures as for `request`.
   */
  async requestBytes(path: string, params: QueryParams = {}, options: RequestOptions = {}): Promise<Uint8Array> {
    return (await this.request(path, params, { ...options, bytes: true })) as Uint8Array;
  }

  /** Asks again for a body from requestBytes that did not parse, that body counting as the first failed attempt. */
  requestAfterUnparsed(body: Uint8Array, path: string, params: QueryParams = {}, options: RequestOptions = {}): Promise<unknown> {
    return this.request(path, params, { ...options, bytes: false, unparsedBytes: body.length });
  }

  /**
   * Any method (custom streams may POST). Only idempotent methods are retried after a 5xx or a
   * broken connection: a retried POST could do its work twice.
   */
  async request(path: string, params: QueryParams = {}, options: RequestOptions = {}): Promise<unknown> {
    const url = /^https?:\/\//i.test(path) ? path : `${this.options.baseUrl}${path}`;
    const parsed = new URL(url);
    if (parsed.origin !== this.origin) {
      throw new ConfigError(`Refusing to send the API key to ${parsed.origin}: only ${this.origin} (the configured Lago API) may receive it.`);
    }
    if (this.unreachable) throw this.unreachable;
    const method = options.method ?? 'GET';
    const request = new RequestName(method, parsed.pathname, params);
    const retry = IDEMPOTENT.has(method) ? this.options.retry : { ...this.options.retry, maxRetries: 0 };
    // Built once per request: every attempt (and the onRequest report) sends the same query.
    const query = toSearchParams(params).toString();
    const target: Target = { url: parsed, path: `${parsed.pathname}${parsed.search}${query ? `${parsed.search ? '&' : '?'}${query}` : ''}` };
    return this.attempts(target, bucketOf(parsed.pathname), request, options, retry, this.signalFor(options.signal));
  }

  /** Per caller's signal (a stream's), one signal that also follows the sync's: made once, not per request. */
  private readonly linked = new WeakMap<AbortSignal, AbortSignal>();

  private signalFor(signal: AbortSignal | undefined): AbortSignal {
    const sync = this.options.signal;
    if (!signal || signal === sync) return sync ?? NEVER;
    if (!sync) return signal;
    let linked = this.linked.get(signal);
    if (!linked) {
      linked = linkSignals(sync, signal);
      this.linked.set(signal, linked);
    }
    return linked;
  }

  private async attempts(target: Target, bucket: Bucket, request: RequestName, options: RequestOptions, retry: RetryPolicy, signal: AbortSignal): Promise<unknown> {
    let failures = 0;
    let rateLimits = 0;
    let previous: Attempt | undefined =
      options.unparsedBytes === undefined ? undefined : { kind: 'retry', reason: `Lago sent a body that is not JSON or is cut off (HTTP 2xx, ${options.unparsedBytes} bytes)`, cause: 'not-json' };
    for (;;) {
      // A failure met before this loop (a body that did not parse) is counted and waited for like the others.
      const attempt = previous ?? (await this.send(target, request, options, signal, bucket));
      previous = undefined;
      if (attempt.kind === 'ok') return attempt.body;
      if (attempt.kind === 'fail') throw attempt.error;
      if (attempt.status === 429) {
        rateLimits += 1;
        if (rateLimits > Math.max(retry.maxRetries, 1) * 2) throw new LagoHttpError(429, String(request), attempt.body ?? {}, rateLimits);
        this.retries += 1;
        if (attempt.budgeted) {
          // The 429 carried the budget's headers: it now holds the bucket's requests until the window resets (budget.take).
          await this.events.onRetry?.(attempt.reason, rateLimits, attempt.waitMs ?? 0, { stream: options.label?.stream, cause: attempt.cause, status: 429, wait: 'window' });
          continue;
        }
        const waitMs = Math.min(attempt.waitMs ?? backoffDelay(rateLimits, retry), this.options.maxRateLimitWaitMs);
        this.limiter.rateLimited(Date.now() + waitMs);
        await this.events.onRateLimited?.(Date.now() + waitMs);
        await this.events.onRetry?.(attempt.reason, rateLimits, waitMs, { stream: options.label?.stream, cause: attempt.cause, status: 429, wait: attempt.waitMs === undefined ? 'backoff' : 'asked' });
        await sleep(waitMs, signal);
        continue;
      }
      failures += 1;
      if (failures > retry.maxRetries) {
        if (attempt.status !== undefined) throw new LagoHttpError(attempt.status, String(request), attempt.body ?? {}, failures);
        if (attempt.unreachable) {
          this.unreachable ??= new HostUnreachableError(`Lago at ${this.origin} cannot be reached: ${attempt.reason} (${request}, tried ${failures} times). Check api_url and that Lago is up; the sync stops here.`);
          throw this.unreachable;
        }
        throw new TransientError(`${attempt.reason} for ${request}; tried ${failures} times, giving up.`);
      }
      const delay = backoffDelay(failures, retry);
      this.retries += 1;
      await this.events.onRetry?.(attempt.reason, failures, delay, { stream: options.label?.stream, cause: attempt.cause, ...(attempt.status === undefined ? {} : { status: attempt.status }), wait: 'backoff' });
      await sleep(delay, signal);
    }
  }

  /** One attempt, once the bucket's limiter and budget let it go. */
  private async send(target: Target, request: RequestName, options: RequestOptions, signal: AbortSignal, bucket: Bucket): Promise<Attempt> {
    if (signal.aborted) throw new TransientError(`Interrupted during ${request}.`);
    const limiter = this.limiterFor(bucket);
    const budget = this.budgets[bucket];
    const attempt = await limiter.run(async (): Promise<Attempt> => {
      // The stream may have stopped while this waited for a slot: nothing is sent, no budget spent.
      const interrupted = (): Attempt => ({ kind: 'fail', error: new TransientError(`Interrupted during ${request}.`) });
      if (signal.aborted) return interrupted();
      // Without rate-limit headers (self-hosted) there is no budget to wait for: not even a turn of the event loop.
      if (budget.known) await budget.take(signal, this.events.onRateLimited);
      if (signal.aborted) return interrupted();
      return this.attempt(target, request, options, signal, bucket);
    }, signal, options.urgent);
    if (attempt.kind === 'ok') limiter.succeeded();
    return attempt;
  }

  /**
   * The common headers, plus a JSON body's content type, plus a custom stream's own: each replaces a header of the same
   * name whatever its case (`Accept` replaces `accept`). (custom.ts refuses an Authorization header.)
   */
  private headersWith(extra: Readonly<Record<string, string>> | undefined, json: boolean): Record<string, string> {
    const headers: Record<string, string> = { ...this.headers };
    if (json) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }

  /** A URL's path below the base URL (no query): how an unlabelled request is reported. */
  private endpointOf(path: string): string {
    return path.startsWith(`${this.basePath}/`) ? path.slice(this.basePath.length) : path;
  }

  /** max_concurrency bounds the load until Lago's headers tell its budget; then the budget paces the bucket. */
  private limiterFor(bucket: Bucket): AdaptiveLimiter {
    if (!this.budgets[bucket].known) return this.limiter;
    const paced = (this.paced[bucket] ??= new AdaptiveLimiter(MAX_READ_AHEAD));
    // Admit about one latency's worth of requests, not more: the budget books slots in arrival order, so every
    // request admitted beyond what the budget spends in one round trip only queues, and a list read page after
    // page (fees' keyset) would wait behind that queue at every page.
    paced.cap(Math.max(4, this.inFlightTarget(bucket)));
    return paced;
  }

  private async attempt(target: Target, request: RequestName, options: RequestOptions, parent: AbortSignal, bucket: Bucket): Promise<Attempt> {
    let response: HttpAnswer;
    if (this.events.onRequest) this.events.onRequest(options.method ?? 'GET', `${target.url.origin}${target.path}`);
    // process.hrtime, not performance.now: the first use of the performance global loads perf_hooks (≈ 2 ms).
    const sent = process.hrtime.bigint();
    try {
      const json = options.body !== undefined;
      response = await exchange(target, {
        method: options.method ?? 'GET',
        headers: options.headers || json ? this.headersWith(options.headers, json) : this.headers,
        body: json ? JSON.stringify(options.body) : undefined,
        // The stream's signal: the exchange ends with it. Redirects are never followed (transport.ts), so the
        // Authorization header goes nowhere but here.
        signal: parent,
        timeoutMs: this.options.timeoutMs,
      });
    } catch (error) {
      if (parent.aborted) return { kind: 'fail', error: new TransientError(`Interrupted during ${request}.`) };
      if (error instanceof RequestRefused) return { kind: 'fail', error: new ConfigError(`${request} could not be sent: ${error.message}. Check the stream's path and headers.`) };
      return { kind: 'retry', reason: describeNetworkError(error, this.options.timeoutMs), cause: networkErrorCode(error), unreachable: hostUnreachable(error) };
    }
    const bytes = response.body;
    const { status } = response;
    const seconds = Number(process.hrtime.bigint() - sent) / 1e9;
    this.events.onResponse?.({ stream: options.label?.stream, endpoint: options.label?.endpoint ?? this.endpointOf(target.url.pathname), status, seconds });
    this.latency[bucket] = this.latency[bucket] === 0 ? seconds : this.latency[bucket] * 0.8 + seconds * 0.2;
    const rateLimit = readRateLimitHeaders(response.headers);
    if (rateLimit) this.budgets[bucket].observe(rateLimit, status === 429);
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location') ?? 'an unknown location';
      return {
        kind: 'fail',
        error: new ConfigError(`Lago answered ${request} with a redirect (HTTP ${status}) to ${location}; set api_url to the final API address (redirects are not followed so the API key stays on the configured host).`),
      };
    }
    if (options.bytes && status >= 200 && status < 300 && bytes.length > 0) {
      this.markAnswered();
      return { kind: 'ok', body: bytes };
    }
    const text = decodeBody(bytes);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (status >= 200 && status < 300) return { kind: 'retry', reason: `Lago sent a body that is not JSON or is cut off (HTTP ${status}, ${bytes.length} bytes)`, cause: 'not-json' };
      body = undefined;
    }
    if (status >= 200 && status < 300) {
      if (body === undefined) return { kind: 'retry', reason: `Lago sent an empty body (HTTP ${status})`, cause: 'empty-body' };
      this.markAnswered();
      return { kind: 'ok', body };
    }
    const errorBody = (typeof body === 'object' && body !== null ? body : {}) as LagoErrorBody;
    if (RETRIABLE_STATUSES.has(status)) {
      const waitMs = status === 429 ? rateLimitWaitMs(response.headers) : undefined;
      return { kind: 'retry', reason: `Lago answered HTTP ${status}`, cause: String(status), status, body: errorBody, ...(waitMs === undefined ? {} : { waitMs }), ...(rateLimit ? { budgeted: true } : {}) };
    }
    return { kind: 'fail', error: new LagoHttpError(status, String(request), errorBody) };
  }
}

/** A request as messages name it (`GET /api/v1/events?page=2`): built only when a message needs it, not per request. */
class RequestName {
  private text: string | undefined;

  constructor(
    private readonly method: string,
    private readonly pathname: string,
    private readonly params: QueryParams,
  ) {}

  toString(): string {
    return (this.text ??= describeRequest(this.pathname, this.params).replace(/^GET/, this.method));
  }
}

/** Connection-level failures that say the host itself is unreachable (not one request's bad luck). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** TLS certificate and handshake failures (ERR_TLS_*, CERT_*, *_SELF_SIGNED_*, UNABLE_TO_VERIFY_LEAF_SIGNATURE). */
const isTlsFailure = (code: string): boolean => /^(ERR_TLS_|ERR_SSL_|CERT_)|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);

/** A network error's code: node:http's own (`ECONNREFUSED`, `CERT_HAS_EXPIRED`), or under a wrapping error's cause. */
function codeOf(error: unknown): string | undefined {
  const err = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = typeof err?.code === 'string' ? err.code : err?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function hostUnreachable(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (UNREACHABLE_CODES.has(code) || isTlsFailure(code));
}

/** A network failure's kind, to group alike retries: `timeout`, or the error's code (ECONNRESET…). */
function networkErrorCode(error: unknown): string {
  const err = error as Error;
  if (err?.name === 'TimeoutError') return 'timeout';
  return codeOf(error) ?? err?.name ?? 'error';
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as Error;
  if (err?.name === 'TimeoutError') return `No answer from Lago within ${Math.round(timeoutMs / 1000)} s (request timeout)`;
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return 'Connection refused by the Lago host';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The Lago host name could not be resolved';
  if (code !== undefined && isTlsFailure(code)) {
    const untrusted = /SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)/.test(code);
    return `The TLS connection to Lago failed (${code})${untrusted ? "; if Lago's certificate comes from a private authority, point NODE_EXTRA_CA_CERTS at that authority's certificate" : ''}`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'The connection to Lago was reset';
  if (code === 'ERR_CONTENT_ENCODING') return `Lago sent ${err.message}`;
  return `Network error talking to Lago (${code ?? err?.message ?? String(error)})`;
}

/** The signal of a request nothing can stop (no sync or stream signal given). */
const NEVER = new AbortController().signal;
// Every request in flight listens on it: many at once is no leak.
setMaxListeners(0, NEVER);

/**
 * A signal that aborts when either does. Once it has, it lets go of both: a stream's signal aborts when the stream
 * ends (engine.ts readStream), so the long-lived sync signal does not keep one listener per stream read.
 */
function linkSignals(sync: AbortSignal, stream: AbortSignal): AbortSignal {
  const controller = new AbortController();
  // Every request of the stream in flight listens on it: many at once is no leak.
  setMaxListeners(0, controller.signal);
  const abort = () => {
    sync.removeEventListener('abort', abort);
    stream.removeEventListener('abort', abort);
    controller.abort();
  };
  if (sync.aborted || stream.aborted) controller.abort();
  else {
    sync.addEventListener('abort', abort);
    stream.addEventListener('abort', abort);
  }
  return controller.signal;
}
