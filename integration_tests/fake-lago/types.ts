// Public types of the fake Lago server.
import type { RateLimits } from './rate-limit.js';

/** A JSON object as Lago returns it. */
export type LagoRecord = Record<string, unknown>;

export interface ResourceCounts {
  customers: number;
  subscriptions: number;
  invoices: number;
  billable_metrics: number;
  plans: number;
  events: number;
  coupons: number;
  add_ons: number;
  fees: number;
  credit_notes: number;
  wallets: number;
  /** per wallet */
  wallet_transactions: number;
  applied_coupons: number;
  taxes: number;
  payment_requests: number;
  payments: number;
  billing_entities: number;
  webhook_endpoints: number;
}

export type ResourceName = keyof ResourceCounts;

export interface FakeLagoOptions {
  /** default 'fake-lago-key' */
  apiKey?: string;
  /** default 1 */
  seed?: number;
  counts?: Partial<ResourceCounts>;
  /** added before every response, default 0 */
  latencyMs?: number;
  /**
   * Lago Cloud's per-organization limits (LAGO_CLOUD_LIMITS: 50 requests/s, 200 for current usage), with the
   * X-RateLimit-* headers on every API answer and 429 past them. Default: none (self-hosted Lago has no limiter).
   */
  rateLimits?: RateLimits;
  /**
   * The lago-api release to behave as ('x.y.z', or 'HEAD', the default): records lack the fields its serializers
   * did not send yet (serializers/), and version-dependent behaviour follows it.
   */
  lagoVersion?: string;
  /** default true; false: GET /health answers 404 (as through a proxy that only passes /api/v1) */
  health?: boolean;
  /** A key scoped per resource (Lago 1.17.1+): reads of these lago-api resources ('invoice', 'fee' …) answer 403. */
  readDenied?: string[];
  /** default: true from Lago 1.47.0; false = Lago < 1.47: GET /wallets without external_customer_id answers 404 customer_not_found */
  walletsOrgWide?: boolean;
  /** default 100 */
  perPageCap?: number;
  /**
   * default false. Serve each distinct successful GET from a cache of its serialized body, so that
   * answer time is the latency and not this single process building pages one after another (a real
   * Lago answers concurrent requests on separate workers). For benchmarks: data must not change.
   */
  cacheReplies?: boolean;
  /** Called before each request is answered (faults aside): a test may change `data` there, mid-read. */
  beforeReply?: (request: { method: string; path: string; query: URLSearchParams }) => void;
}

export interface RecordedRequest {
  method: string;
  /** without query, e.g. /api/v1/invoices (as received, not percent-decoded) */
  path: string;
  query: URLSearchParams;
  /** lower-case header names; authorization included */
  headers: Record<string, string | undefined>;
  status: number;
}

export interface Fault {
  /** matched against the request path (without query), e.g. '/api/v1/invoices' or /\/wallets/ */
  path: string | RegExp;
  /** default: any method */
  method?: string;
  /** how many matching requests it applies to, default Infinity */
  times?: number;
  /** respond with this status (default 500 when a body/status-changing fault has none) */
  status?: number;
  /** JSON body to send (default: a Lago-style error body for `status`) */
  body?: unknown;
  headers?: Record<string, string>;
  /** wait this long before acting (on top of latencyMs) */
  delayMs?: number;
  /** destroy the socket without answering */
  resetConnection?: boolean;
  /** send the headers and half of the body, then destroy the socket */
  truncateBody?: boolean;
  /** send the headers and half of the body, then nothing more (the socket stays open) */
  stallBody?: boolean;
  /** answer with an HTML page instead of JSON */
  notJson?: boolean;
  /** the real answer, with these keys of its `meta` replaced (null: the answer has no `meta` at all) */
  meta?: Record<string, unknown> | null;
  when?: (req: { path: string; query: URLSearchParams }) => boolean;
}

/**
 * The mutable data behind the fake. Each property is an array (a real Array for small counts, an
 * array-like Proxy that generates records on demand for big ones, see virtual.ts); tests may push,
 * splice, replace elements or assign a whole new array between syncs.
 */
export interface FakeDataset {
  customers: LagoRecord[];
  subscriptions: LagoRecord[];
  invoices: LagoRecord[];
  billable_metrics: LagoRecord[];
  plans: LagoRecord[];
  events: LagoRecord[];
  coupons: LagoRecord[];
  add_ons: LagoRecord[];
  fees: LagoRecord[];
  credit_notes: LagoRecord[];
  wallets: LagoRecord[];
  /** all wallets' transactions in one list; the route filters on lago_wallet_id */
  wallet_transactions: LagoRecord[];
  applied_coupons: LagoRecord[];
  taxes: LagoRecord[];
  payment_requests: LagoRecord[];
  payments: LagoRecord[];
  billing_entities: LagoRecord[];
  webhook_endpoints: LagoRecord[];
}
