// Endpoint table: path matching, per-endpoint filters and sort order, pagination meta.
import {
  currentUsage, customerIndexFromExternalId, eventKeys, eventTime, feeTime, invoiceTime, pastUsage, type Ctx,
} from './data.js';
import { atLeast, type LagoVersion } from './lago-version.js';
import { hash, startOfDay } from './prng.js';
import { findRecord, listPage, type ListQuery } from './query.js';
import type { FakeDataset, LagoRecord, ResourceName } from './types.js';
import { virtualState } from './virtual.js';

export interface RouteEnv {
  ctx: Ctx;
  data: FakeDataset;
  perPageCap: number;
  walletsOrgWide: boolean;
  lagoVersion: LagoVersion;
}

export interface RouteResult {
  status: number;
  body: unknown;
}

type Handler = (env: RouteEnv, params: string[], q: URLSearchParams) => RouteResult;

interface Route {
  re: RegExp;
  handler: Handler;
  /** The controller's resource_name: what a scoped API key must be allowed to read (app/controllers/api/v1/*). */
  resource: string;
  /** The release that added the route (config/routes.rb); an older Lago answers its catch-all 404. */
  since?: string;
}

// ---- helpers ------------------------------------------------------------------------------------

export function notFound(code: string): RouteResult {
  return { status: 404, body: { status: 404, error: 'Not Found', code } };
}

function validationError(details: Record<string, string[]>): RouteResult {
  return { status: 422, body: { status: 422, error: 'Unprocessable Entity', code: 'validation_errors', error_details: details } };
}

function pagination(env: RouteEnv, q: URLSearchParams): { page: number; perPage: number } {
  const p = Number.parseInt(q.get('page') ?? '', 10);
  const pp = Number.parseInt(q.get('per_page') ?? '', 10);
  const page = Number.isFinite(p) && p > 0 ? p : 1;
  const perPage = Math.min(Number.isFinite(pp) && pp > 0 ? pp : 100, env.perPageCap);
  return { page, perPage };
}

/** meta as lago-api's Pagination concern computes it (an empty result is all zeros / nulls) */
export function meta(page: number, perPage: number, total: number): Record<string, number | null> {
  if (total <= 0) return { current_page: 0, next_page: null, prev_page: null, total_pages: 0, total_count: 0 };
  const totalPages = Math.ceil(total / perPage);
  return {
    current_page: page,
    next_page: page < totalPages ? page + 1 : null,
    prev_page: page > 1 ? page - 1 : null,
    total_pages: totalPages,
    total_count: total,
  };
}

function paged(env: RouteEnv, root: string, arr: readonly LagoRecord[], q: URLSearchParams, lq: Omit<ListQuery, 'sortKey'>): RouteResult {
  const { page, perPage } = pagination(env, q);
  // each resource has one sort order: its name identifies `rank` in the query caches
  const { items, total } = listPage(arr, { ...lq, sortKey: root }, page, perPage);
  return { status: 200, body: { [root]: items, meta: meta(page, perPage, total) } };
}

function pagedArray(env: RouteEnv, root: string, items: LagoRecord[], q: URLSearchParams): RouteResult {
  const { page, perPage } = pagination(env, q);
  const off = (page - 1) * perPage;
  return { status: 200, body: { [root]: items.slice(off, off + perPage), meta: meta(page, perPage, items.length) } };
}

const ms = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);
const createdDesc = (r: LagoRecord): number => -ms(r.created_at);

/** strict YYYY-MM-DD that is a real date, as epoch ms; undefined otherwise */
function parseDate(v: string | null): number | undefined {
  if (v === null || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v ? undefined : t;
}

/** ISO 8601 date or date-time (no offset = UTC) as epoch ms; NaN when invalid */
function parseDateTime(v: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v.trim());
  if (!m) return Number.NaN;
  if (parseDate(m[1] ?? null) === undefined) return Number.NaN;
  if (!m[2]) return Date.parse(`${m[1]}T00:00:00Z`);
  let zone = (m[3] ?? 'Z').toUpperCase();
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function nested(r: LagoRecord, key: string, field: string): unknown {
  const o = r[key];
  return o && typeof o === 'object' ? (o as LagoRecord)[field] : undefined;
}

type Pred = (r: LagoRecord) => boolean;
function allOf(preds: Pred[]): Pred | undefined {
  if (preds.length === 0) return undefined;
  return (r) => preds.every((p) => p(r));
}

function eqFilter(q: URLSearchParams, param: string, get: (r: LagoRecord) => unknown, preds: Pred[], keys: string[]): void {
  const v = q.get(param);
  if (v === null || v === '') return;
  preds.push((r) => get(r) === v);
  keys.push(`${param}=${encodeURIComponent(v)}`);
}

function inFilter(values: string[], get: (r: LagoRecord) => unknown, preds: Pred[], keys: string[], name: string): void {
  if (values.length === 0) return;
  const set = new Set(values);
  preds.push((r) => set.has(get(r) as string));
  keys.push(`${name}=${[...set].sort().map(encodeURIComponent).join(',')}`);
}

function customerLookup(env: RouteEnv, externalId: string): LagoRecord | undefined {
  const hint = virtualState(env.data.customers) ? customerIndexFromExternalId(env.ctx, externalId) : undefined;
  return findRecord(env.data.customers, (r) => r.external_id === externalId, hint);
}

function simpleList(root: ResourceName): Handler {
  return (env, _p, q) => paged(env, root, env.data[root], q, { rank: createdDesc, cacheKey: '' });
}

/** A from/to filter on a list ranked newest first (rank = minus the time), both ends optional and inclusive. */
function newestFirstRange(from: number | undefined, to: number | undefined): { lo: number; hi: number } {
  return { lo: to === undefined ? -Infinity : -to, hi: from === undefined ? Infinity : -from };
}

// ---- handlers -----------------------------------------------------------------------------------

/** Subscription::STATUSES at a Lago version (app/models/subscription.rb: `incomplete` since v1.45.2). */
function subscriptionStatuses(version: LagoVersion): string[] {
  const known = ['pending', 'active', 'terminated', 'canceled'];
  return atLeast(version, '1.45.2') ? [...known, 'incomplete'] : known;
}

/**
 * The statuses a `status[]` filter lists, as lago-api reads it (undefined: every status). Blank → active only
 * (v1.30.0 SubscriptionsQuery#filtered_statuses; concerns/subscription_index.rb since v1.32.0). A value that is not
 * a status of that version: active only up to v1.31 (v1.30.0/v1.31.0 `return [:active] unless valid_status?`); from
 * v1.32.0 the filter is dropped (`where(status: …) if valid_status?`, v1.32.0 … HEAD app/queries/subscriptions_query.rb).
 */
export function subscriptionStatusFilter(version: LagoVersion, requested: string[]): string[] | undefined {
  if (requested.length === 0) return ['active'];
  const known = subscriptionStatuses(version);
  if (requested.every((s) => known.includes(s))) return requested;
  return atLeast(version, '1.32.0') ? undefined : ['active'];
}

const subscriptions: Handler = (env, _p, q) => {
  const preds: Pred[] = [];
  const keys: string[] = [];
  eqFilter(q, 'external_customer_id', (r) => r.external_customer_id, preds, keys);
  eqFilter(q, 'plan_code', (r) => r.plan_code, preds, keys);
  const statuses = subscriptionStatusFilter(env.lagoVersion, q.getAll('status[]').filter((s) => s !== ''));
  if (statuses) inFilter(statuses, (r) => r.status, preds, keys, 'status');
  // The data is HEAD's: a Lago before v1.45.2 has no incomplete subscriptions, so it never lists the generated ones.
  else if (!atLeast(env.lagoVersion, '1.45.2')) {
    preds.push((r) => r.status !== 'incomplete');
    keys.push('status=*');
  }
  return paged(env, 'subscriptions', env.data.subscriptions, q, { rank: (r) => -ms(r.subscription_at), pred: allOf(preds) as Pred, cacheKey: keys.join('&'), unsorted: true });
};

const invoices: Handler = (env, _p, q) => {
  const preds: Pred[] = [];
  const keys: string[] = [];
  eqFilter(q, 'external_customer_id', (r) => nested(r, 'customer', 'external_id'), preds, keys);
  // statuses[] / payment_statuses[] since v1.33.3 (792f6e0d0, concerns/invoice_index.rb); before, only the singular.
  const arrays = atLeast(env.lagoVersion, '1.33.3');
  const statuses = arrays ? q.getAll('statuses[]').filter((s) => s !== '') : [];
  const status = q.get('status');
  inFilter(statuses.length > 0 ? statuses : status ? [status] : [], (r) => r.status, preds, keys, 'status');
  const pstatuses = arrays ? q.getAll('payment_statuses[]').filter((s) => s !== '') : [];
  const pstatus = q.get('payment_status');
  inFilter(pstatuses.length > 0 ? pstatuses : pstatus ? [pstatus] : [], (r) => r.payment_status, preds, keys, 'payment_status');
  // an invalid date is silently ignored, as lago-api does
  const from = parseDate(q.get('issuing_date_from'));
  const to = parseDate(q.get('issuing_date_to'));
  const lq: Omit<ListQuery, 'sortKey'> = {
    rank: (r) => -ms(`${str(r.issuing_date) ?? ''}T00:00:00Z`),
    baseRank: (i) => -startOfDay(invoiceTime(env.ctx, i)),
    cacheKey: `${keys.join('&')}|${from}|${to}`,
  };
  const pred = allOf(preds);
  if (pred) lq.pred = pred;
  if (from !== undefined || to !== undefined) lq.range = newestFirstRange(from, to);
  return paged(env, 'invoices', env.data.invoices, q, lq);
};

const events: Handler = (env, _p, q) => {
  const preds: Pred[] = [];
  const keys: string[] = [];
  eqFilter(q, 'external_subscription_id', (r) => r.external_subscription_id, preds, keys);
  eqFilter(q, 'code', (r) => r.code, preds, keys);
  const errors: Record<string, string[]> = {};
  let from: number | undefined;
  let to: number | undefined;
  const fromRaw = q.get('timestamp_from');
  const toRaw = q.get('timestamp_to');
  if (fromRaw !== null && fromRaw !== '') {
    from = parseDateTime(fromRaw);
    if (Number.isNaN(from)) errors.timestamp_from = ['invalid_date'];
  }
  if (toRaw !== null && toRaw !== '') {
    to = parseDateTime(toRaw);
    if (Number.isNaN(to)) errors.timestamp_to = ['invalid_date'];
  }
  if (Object.keys(errors).length > 0) return validationError(errors);
  const lq: Omit<ListQuery, 'sortKey'> = {
    rank: (r) => -ms(r.timestamp),
    baseRank: (i) => -eventTime(env.ctx, i),
    cacheKey: `${keys.join('&')}|${from}|${to}`,
  };
  const pred = allOf(preds);
  if (pred) {
    lq.pred = pred;
    const sid = q.get('external_subscription_id') || undefined;
    const code = q.get('code') || undefined;
    lq.basePred = (i) => {
      const k = eventKeys(env.ctx, i);
      return (sid === undefined || k.externalSubscriptionId === sid) && (code === undefined || k.code === code);
    };
  }
  if (from !== undefined || to !== undefined) lq.range = newestFirstRange(from, to);
  return paged(env, 'events', env.data.events, q, lq);
};

const fees: Handler = (env, _p, q) => {
  const preds: Pred[] = [];
  const keys: string[] = [];
  eqFilter(q, 'external_customer_id', (r) => r.external_customer_id, preds, keys);
  eqFilter(q, 'external_subscription_id', (r) => r.external_subscription_id, preds, keys);
  eqFilter(q, 'fee_type', (r) => nested(r, 'item', 'type'), preds, keys);
  // Both ends inclusive, fractional seconds honoured; a value DateTime.iso8601 refuses (an empty one too)
  // answers 422 invalid_date (lago-api app/queries/fees_query.rb with_created_date_range, base_query.rb
  // parse_datetime_filter). Records hold whole seconds, so fees of one second tie; lago-api orders ties
  // by id, the fake by array position (tests that insert ties keep them in lago_id order if it matters).
  const errors: Record<string, string[]> = {};
  const range = (param: string): number | undefined => {
    const raw = q.get(param);
    if (raw === null) return undefined;
    const t = parseDateTime(raw);
    if (Number.isNaN(t)) errors[param] = ['invalid_date'];
    return t;
  };
  const from = range('created_at_from');
  const to = range('created_at_to');
  if (Object.keys(errors).length > 0) return validationError(errors);
  const lq: Omit<ListQuery, 'sortKey'> = { rank: (r) => ms(r.created_at), baseRank: (i) => feeTime(env.ctx, i), cacheKey: `${keys.join('&')}|${from}|${to}` };
  const pred = allOf(preds);
  if (pred) lq.pred = pred;
  if (from !== undefined || to !== undefined) lq.range = { lo: from ?? -Infinity, hi: to ?? Infinity };
  return paged(env, 'fees', env.data.fees, q, lq);
};

const creditNotes: Handler = (env, _p, q) => {
  const preds: Pred[] = [];
  const keys: string[] = [];
  eqFilter(q, 'external_customer_id', (r) => nested(r, 'customer', 'external_id'), preds, keys);
  // issuing_date_from/_to since v1.17.4 (de063ee3f, app/queries/credit_notes_query.rb); before, ignored.
  const dated = atLeast(env.lagoVersion, '1.17.4');
  const from = dated ? parseDate(q.get('issuing_date_from')) : undefined;
  const to = dated ? parseDate(q.get('issuing_date_to')) : undefined;
  if (from !== undefined || to !== undefined) {
    preds.push((r) => {
      const d = ms(`${str(r.issuing_date) ?? ''}T00:00:00Z`);
      return (from === undefined || d >= from) && (to === undefined || d <= to);
    });
    keys.push(`issuing=${from}..${to}`);
  }
  const lq: Omit<ListQuery, 'sortKey'> = { rank: createdDesc, cacheKey: keys.join('&') };
  const pred = allOf(preds);
  if (pred) lq.pred = pred;
  return paged(env, 'credit_notes', env.data.credit_notes, q, lq);
};

function walletsOf(env: RouteEnv, q: URLSearchParams, externalCustomerId: string): RouteResult {
  if (!customerLookup(env, externalCustomerId)) return notFound('customer_not_found');
  return paged(env, 'wallets', env.data.wallets, q, {
    rank: createdDesc,
    pred: (r) => r.external_customer_id === externalCustomerId,
    cacheKey: `c=${encodeURIComponent(externalCustomerId)}`,
  });
}

const wallets: Handler = (env, _p, q) => {
  const c = q.get('external_customer_id');
  if (c !== null && c !== '') return walletsOf(env, q, c);
  if (!env.walletsOrgWide) return notFound('customer_not_found');
  return paged(env, 'wallets', env.data.wallets, q, { rank: createdDesc, cacheKey: '' });
};

const customerWallets: Handler = (env, p, q) => walletsOf(env, q, p[0] as string);

const walletTransactions: Handler = (env, p, q) => {
  const walletId = p[0] as string;
  if (!findRecord(env.data.wallets, (r) => r.lago_id === walletId)) return notFound('wallet_not_found');
  const preds: Pred[] = [(r) => r.lago_wallet_id === walletId];
  const keys: string[] = [`w=${encodeURIComponent(walletId)}`];
  eqFilter(q, 'status', (r) => r.status, preds, keys);
  eqFilter(q, 'transaction_status', (r) => r.transaction_status, preds, keys);
  eqFilter(q, 'transaction_type', (r) => r.transaction_type, preds, keys);
  return paged(env, 'wallet_transactions', env.data.wallet_transactions, q, { rank: createdDesc, pred: allOf(preds) as Pred, cacheKey: keys.join('&'), unsorted: true });
};

function filtered(root: ResourceName, filters: [string, (r: LagoRecord) => unknown][], multi: [string, (r: LagoRecord) => unknown][] = []): Handler {
  return (env, _p, q) => {
    const preds: Pred[] = [];
    const keys: string[] = [];
    for (const [param, get] of filters) eqFilter(q, param, get, preds, keys);
    for (const [param, get] of multi) inFilter(q.getAll(`${param}[]`).filter((s) => s !== ''), get, preds, keys, param);
    const lq: Omit<ListQuery, 'sortKey'> = { rank: createdDesc, cacheKey: keys.join('&') };
    const pred = allOf(preds);
    if (pred) lq.pred = pred;
    return paged(env, root, env.data[root], q, lq);
  };
}

const billingEntities: Handler = (env) => ({
  status: 200,
  body: { billing_entities: env.data.billing_entities.filter((r) => r !== undefined && r !== null) },
});

/** index of a generated subscription (or a stable pseudo index for one a test added) */
function subIndexOf(env: RouteEnv, sub: LagoRecord): number {
  const n = env.ctx.counts.subscriptions;
  const m = /(\d+)$/.exec(str(sub.external_id) ?? '');
  if (m) {
    const i = n - Number(m[1]);
    if (i >= 0 && i < n) return i;
  }
  let h = 0;
  for (const ch of str(sub.external_id) ?? '') h = hash(h, ch.charCodeAt(0));
  return n > 0 ? h % n : 0;
}

function findSubscription(env: RouteEnv, externalCustomerId: string, externalId: string, activeOnly: boolean): LagoRecord | undefined {
  const candidates = env.data.subscriptions.filter(
    (r) => r && r.external_id === externalId && r.external_customer_id === externalCustomerId && (!activeOnly || r.status === 'active'),
  );
  // like lago-api: the current (not terminated) one first, then the most recently started
  candidates.sort((a, b) => (a.terminated_at === null ? 0 : 1) - (b.terminated_at === null ? 0 : 1) || ms(b.started_at) - ms(a.started_at));
  return candidates[0];
}

const currentUsageRoute: Handler = (env, p, q) => {
  const cid = p[0] as string;
  if (!customerLookup(env, cid)) return notFound('customer_not_found');
  const sid = q.get('external_subscription_id') ?? '';
  const sub = sid === '' ? undefined : findSubscription(env, cid, sid, true);
  if (!sub) return { status: 405, body: { status: 405, error: 'Method Not Allowed', code: 'no_active_subscription' } };
  return { status: 200, body: { customer_usage: currentUsage(env.ctx, subIndexOf(env, sub), sub) } };
};

const pastUsageRoute: Handler = (env, p, q) => {
  const cid = p[0] as string;
  const sid = q.get('external_subscription_id') ?? '';
  // app/queries/past_usage_query.rb#validate_filters
  if (sid === '') return validationError({ external_subscription_id: ['value_is_mandatory'] });
  // Every subscription with this external id (a plan change keeps it), newest period first; one period per
  // invoice_subscription (a subscription a test copied shares its generated periods: counted once).
  const subs = customerLookup(env, cid) ? env.data.subscriptions.filter((r) => r && r.external_id === sid && r.external_customer_id === cid) : [];
  const seen = new Set<string>();
  let periods = subs
    .flatMap((s) => pastUsage(env.ctx, subIndexOf(env, s), s))
    .filter((u) => {
      const key = `${String(u.from_datetime)}|${String(u.lago_invoice_id)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => ms(b.from_datetime) - ms(a.from_datetime));
  const code = q.get('billable_metric_code');
  if (code) {
    periods = periods.map((u) => ({
      ...u,
      charges_usage: (u.charges_usage as LagoRecord[]).filter((c) => nested(c, 'billable_metric', 'code') === code),
    }));
  }
  const count = Number.parseInt(q.get('periods_count') ?? '', 10);
  if (Number.isFinite(count) && count > 0) periods = periods.slice(0, count);
  return pagedArray(env, 'usage_periods', periods, q);
};

// ---- table --------------------------------------------------------------------------------------

const SEG = '([^/]+)';
const ROUTES: Route[] = [
  { resource: 'customer', re: /^\/customers$/, handler: simpleList('customers') },
  { resource: 'customer_usage', re: new RegExp(`^/customers/${SEG}/current_usage$`), handler: currentUsageRoute },
  { resource: 'customer_usage', since: '0.49.0', re: new RegExp(`^/customers/${SEG}/past_usage$`), handler: pastUsageRoute },
  { resource: 'wallet', re: new RegExp(`^/customers/${SEG}/wallets$`), handler: customerWallets },
  { resource: 'subscription', re: /^\/subscriptions$/, handler: subscriptions },
  { resource: 'invoice', re: /^\/invoices$/, handler: invoices },
  { resource: 'billable_metric', re: /^\/billable_metrics$/, handler: simpleList('billable_metrics') },
  { resource: 'plan', re: /^\/plans$/, handler: simpleList('plans') },
  { resource: 'event', since: '1.13.1', re: /^\/events$/, handler: events },
  { resource: 'coupon', re: /^\/coupons$/, handler: simpleList('coupons') },
  { resource: 'add_on', re: /^\/add_ons$/, handler: simpleList('add_ons') },
  { resource: 'fee', since: '0.28.0', re: /^\/fees$/, handler: fees },
  { resource: 'credit_note', re: /^\/credit_notes$/, handler: creditNotes },
  { resource: 'wallet', re: /^\/wallets$/, handler: wallets },
  { resource: 'wallet_transaction', since: '0.21.0', re: new RegExp(`^/wallets/${SEG}/wallet_transactions$`), handler: walletTransactions },
  { resource: 'applied_coupon', since: '0.16.0', re: /^\/applied_coupons$/, handler: filtered('applied_coupons', [['external_customer_id', (r) => r.external_customer_id], ['status', (r) => r.status]], [['coupon_code', (r) => r.coupon_code]]) },
  { resource: 'tax', since: '0.34.0', re: /^\/taxes$/, handler: simpleList('taxes') },
  { resource: 'payment_request', since: '1.9.0', re: /^\/payment_requests$/, handler: filtered('payment_requests', [['external_customer_id', (r) => nested(r, 'customer', 'external_id')], ['payment_status', (r) => r.payment_status]]) },
  {
    resource: 'payment', since: '1.19.0', re: /^\/payments$/,
    handler: (env, p, q) => {
      const invoiceId = q.get('invoice_id');
      const base = filtered('payments', [['external_customer_id', (r) => r.external_customer_id]]);
      if (!invoiceId) return base(env, p, q);
      const preds: Pred[] = [(r) => Array.isArray(r.invoice_ids) && (r.invoice_ids as unknown[]).includes(invoiceId)];
      const keys = [`invoice=${encodeURIComponent(invoiceId)}`];
      eqFilter(q, 'external_customer_id', (r) => r.external_customer_id, preds, keys);
      return paged(env, 'payments', env.data.payments, q, { rank: createdDesc, pred: allOf(preds) as Pred, cacheKey: keys.join('&') });
    },
  },
  { resource: 'billing_entity', since: '1.25.0', re: /^\/billing_entities$/, handler: billingEntities },
  { resource: 'webhook_endpoint', since: '0.40.0', re: /^\/webhook_endpoints$/, handler: simpleList('webhook_endpoints') },
];

export interface RouteMatch {
  handler: Handler;
  params: string[];
  resource: string;
  since?: string | undefined;
}

/**
 * Resolves a path relative to /api/v1 (e.g. '/customers/abc%2Eio/wallets'). Path segments are
 * percent-decoded. Returns undefined for an unknown path (or an undecodable segment).
 */
export function matchRoute(subPath: string): RouteMatch | undefined {
  const path = subPath.length > 1 && subPath.endsWith('/') ? subPath.slice(0, -1) : subPath;
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (!m) continue;
    try {
      return { handler: r.handler, params: m.slice(1).map((s) => decodeURIComponent(s)), resource: r.resource, since: r.since };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
