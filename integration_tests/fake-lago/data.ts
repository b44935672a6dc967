// Deterministic, relationally consistent Lago dataset. Every record is a pure function of
// (seed, counts, index): small resources are materialised into plain arrays, big ones (more than
// LAZY_THRESHOLD rows) are virtual arrays that build a record only when it is read (virtual.ts).
//
// Index order equals the API's default order (newest first; fees oldest first), and the key times are
// cheap functions of the index (see *Time below), so a big list can be paged and range-filtered
// without building the rows it skips.
import {
  ADD_ONS, BILLING_ENTITIES, CHARGE_MODELS, COMPANIES, COUPONS, FIRST_NAMES, LAST_NAMES, METRICS, PLACES, PLANS, TAXES,
  WEBHOOK_URLS, type Place,
} from './catalog.js';
import {
  DAY, END_MS, Rng, START_MS, addMonths, firstIndexAtOrBefore, hash, isoDate, isoMs, isoSec, slotTime, startOfDay, token,
  unit, uuid,
} from './prng.js';
import type { FakeDataset, LagoRecord, ResourceCounts, ResourceName } from './types.js';
import { createVirtualArray } from './virtual.js';

export const DEFAULT_COUNTS: Readonly<ResourceCounts> = Object.freeze({
  customers: 25,
  subscriptions: 40,
  invoices: 60,
  billable_metrics: 6,
  plans: 5,
  events: 250,
  coupons: 4,
  add_ons: 3,
  fees: 90,
  credit_notes: 8,
  wallets: 10,
  wallet_transactions: 4,
  applied_coupons: 6,
  taxes: 3,
  payment_requests: 5,
  payments: 20,
  billing_entities: 2,
  webhook_endpoints: 2,
});

/** Resources with more rows than this are generated lazily (virtual arrays). */
export const LAZY_THRESHOLD = 20_000;

// resource tags for the hash
const T = {
  CUSTOMER: 1, SUB: 2, INVOICE: 3, METRIC: 4, PLAN: 5, EVENT: 6, COUPON: 7, ADDON: 8, FEE: 9, CN: 10, WALLET: 11, WTX: 12,
  AC: 13, TAX: 14, PR: 15, PAYMENT: 16, BE: 17, WEBHOOK: 18, CHARGE: 19, ORG: 20, META: 22, APPLIED_TAX: 23, CN_ITEM: 24,
  RULE: 27, PAYMENT_METHOD: 28, USAGE: 29, FILTER: 30, INTEGRATION: 31, SUB_FEE: 32,
} as const;

export interface Ctx {
  seed: number;
  counts: ResourceCounts;
  /** indices of subscriptions that are or were billed (active or terminated: not pending, canceled or incomplete), ascending (= newest first) */
  startedSubs: Int32Array;
  /** plan indices per currency */
  plansByCurrency: Map<string, number[]>;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const cents = (c: number): string => (c / 100).toFixed(2);

export function resolveCounts(partial?: Partial<ResourceCounts>): ResourceCounts {
  const out = { ...DEFAULT_COUNTS };
  for (const [k, v] of Object.entries(partial ?? {})) {
    if (!(k in out)) throw new Error(`fake-lago: unknown resource in counts: ${k}`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`fake-lago: counts.${k} must be a non-negative integer`);
    out[k as ResourceName] = v;
  }
  return out;
}

export function createContext(seed: number, counts: ResourceCounts): Ctx {
  const ctx: Ctx = { seed, counts, startedSubs: new Int32Array(0), plansByCurrency: new Map() };
  for (let p = 0; p < counts.plans; p++) {
    const c = planCurrency(p);
    const list = ctx.plansByCurrency.get(c) ?? [];
    list.push(p);
    ctx.plansByCurrency.set(c, list);
  }
  const started: number[] = [];
  for (let i = 0; i < counts.subscriptions; i++) {
    const s = subStatus(ctx, i);
    if (s === 'active' || s === 'terminated') started.push(i);
  }
  ctx.startedSubs = Int32Array.from(started);
  return ctx;
}

/** pick an index in [0,n) among rows created at or before time t (rows are newest first) */
function pickOlder(n: number, t: number, h: number): number {
  if (n <= 0) return 0;
  const jmin = firstIndexAtOrBefore(t, n);
  return jmin + (h % (n - jmin));
}

/** time of a catalog object (plans, taxes …): a few days apart around the start of the range, newest first */
function catalogTime(i: number, n: number, tag: number, seed: number): number {
  return START_MS - 40 * DAY + (n - i) * 2 * DAY + Math.floor(unit(hash(seed, i, tag, 1)) * 20 * 3600) * 1000;
}

// ---- taxes, billing entities --------------------------------------------------------------------

function taxDef(i: number): { name: string; code: string; rate: number; description: string | null } {
  const base = TAXES[i % TAXES.length] as (typeof TAXES)[number];
  if (i < TAXES.length) return base;
  return { ...base, name: `${base.name} ${i}`, code: `${base.code}_${i}` };
}

export function genTax(ctx: Ctx, i: number): LagoRecord {
  const d = taxDef(i);
  return {
    lago_id: uuid(ctx.seed, T.TAX, i),
    name: d.name,
    code: d.code,
    description: d.description,
    rate: d.rate,
    applied_to_organization: i === 0,
    created_at: isoSec(catalogTime(i, ctx.counts.taxes, T.TAX, ctx.seed)),
  };
}

/** tax applying to customers of a place (index into taxes), or -1 */
function taxForPlace(ctx: Ctx, place: Place): number {
  const code = place.country === 'FR' ? 0 : place.country === 'DE' ? 1 : place.state === 'CA' ? 2 : place.country === 'GB' ? 3 : -1;
  return code >= 0 && code < ctx.counts.taxes ? code : -1;
}

function entityDef(i: number): (typeof BILLING_ENTITIES)[number] {
  const base = BILLING_ENTITIES[i % BILLING_ENTITIES.length] as (typeof BILLING_ENTITIES)[number];
  return i < BILLING_ENTITIES.length ? base : { ...base, code: `${base.code}_${i}`, name: `${base.name} #${i}` };
}

export function genBillingEntity(ctx: Ctx, i: number): LagoRecord {
  const d = entityDef(i);
  const place = PLACES[d.place] as Place;
  const t = catalogTime(i, ctx.counts.billing_entities, T.BE, ctx.seed);
  return {
    lago_id: uuid(ctx.seed, T.BE, i),
    code: d.code,
    name: d.name,
    default_currency: d.currency,
    document_locale: place.locale,
    document_numbering: i === 0 ? 'per_customer' : 'per_billing_entity',
    document_number_prefix: i === 0 ? 'ACM-001' : null,
    finalize_zero_amount_invoice: true,
    invoice_footer: i === 0 ? 'Thank you for your business' : null,
    invoice_grace_period: i === 0 ? 0 : 3,
    subscription_invoice_issuing_date_anchor: 'next_period_start',
    subscription_invoice_issuing_date_adjustment: 'keep_anchor',
    is_default: i === 0,
    net_payment_term: i === 0 ? 0 : 30,
    address_line1: place.street,
    address_line2: i === 0 ? 'Suite 100' : null,
    city: place.city,
    state: place.state,
    country: place.country,
    zipcode: place.zip,
    email: `billing+${d.code}@acme.test`,
    legal_name: d.name,
    legal_number: i === 0 ? 'US123456789' : null,
    tax_identification_number: place.country === 'US' ? null : `${place.country}${pad(hash(ctx.seed, i, T.BE, 2) % 1e9, 9)}`,
    timezone: place.timezone,
    email_settings: ['invoice.finalized', 'credit_note.created'],
    eu_tax_management: place.currency === 'EUR',
    logo_url: i === 0 ? 'https://assets.acme.test/logo.png' : null,
    created_at: isoSec(t),
    updated_at: isoSec(t + 3 * DAY),
  };
}

// ---- billable metrics, plans, charges -----------------------------------------------------------

function metricDef(i: number): (typeof METRICS)[number] {
  const base = METRICS[i % METRICS.length] as (typeof METRICS)[number];
  return i < METRICS.length ? base : { ...base, code: `${base.code}_${i}`, name: `${base.name} ${i}` };
}

export function genBillableMetric(ctx: Ctx, i: number): LagoRecord {
  const d = metricDef(i);
  const rounded = d.agg === 'sum_agg' && i % 2 === 1;
  return {
    lago_id: uuid(ctx.seed, T.METRIC, i),
    name: d.name,
    code: d.code,
    description: d.description,
    recurring: d.recurring,
    rounding_function: rounded ? 'round' : null,
    rounding_precision: rounded ? 2 : null,
    created_at: isoSec(catalogTime(i, ctx.counts.billable_metrics, T.METRIC, ctx.seed)),
    // a nullable column: null unless set (the UI may leave '')
    expression: d.field === 'hours' ? 'round(hours, 2)' : i % 3 === 1 ? '' : null,
    field_name: d.field,
    aggregation_type: d.agg,
    weighted_interval: d.agg === 'weighted_sum_agg' ? 'seconds' : null,
    // constants in V1::BillableMetricSerializer#counters
    active_subscriptions_count: 0,
    draft_invoices_count: 0,
    plans_count: 0,
    // V1::BillableMetricFilterSerializer sorts the values
    filters: d.filters.map((f) => ({ key: f.key, values: [...f.values].sort() })),
  };
}

function planDef(i: number): (typeof PLANS)[number] {
  const base = PLANS[i % PLANS.length] as (typeof PLANS)[number];
  return i < PLANS.length ? base : { ...base, code: `${base.code}_${i}`, name: `${base.name} ${i}` };
}
function planCurrency(i: number): string {
  return planDef(i).code.startsWith('growth_eur') ? 'EUR' : 'USD';
}

interface ChargeRef { k: number; metric: number; model: (typeof CHARGE_MODELS)[number] }
/** the charges of plan p (metric indices are distinct) */
function planCharges(ctx: Ctx, p: number): ChargeRef[] {
  const nM = ctx.counts.billable_metrics;
  if (nM === 0) return [];
  const want = Math.min(nM, 1 + (hash(ctx.seed, p, T.PLAN, 3) % 3));
  const out: ChargeRef[] = [];
  const start = hash(ctx.seed, p, T.PLAN, 4) % nM;
  for (let k = 0; k < want; k++) {
    const metric = (start + k * 2) % nM;
    if (out.some((c) => c.metric === metric)) continue;
    const agg = metricDef(metric).agg;
    const model = agg === 'unique_count_agg' || agg === 'latest_agg' ? 'standard' : (CHARGE_MODELS[(p + k) % CHARGE_MODELS.length] as ChargeRef['model']);
    out.push({ k, metric, model });
  }
  return out;
}

function chargeProperties(model: ChargeRef['model']): LagoRecord {
  switch (model) {
    case 'standard':
      return { amount: '0.05' };
    case 'graduated':
      return {
        graduated_ranges: [
          { from_value: 0, to_value: 1000, flat_amount: '0', per_unit_amount: '0.01' },
          { from_value: 1001, to_value: null, flat_amount: '5', per_unit_amount: '0.005' },
        ],
      };
    case 'package':
      return { amount: '10', free_units: 100, package_size: 1000 };
    case 'volume':
      return {
        volume_ranges: [
          { from_value: 0, to_value: 100, flat_amount: '0', per_unit_amount: '1' },
          { from_value: 101, to_value: null, flat_amount: '0', per_unit_amount: '0.8' },
        ],
      };
    case 'percentage':
      return { rate: '1.5', fixed_amount: '0.25', free_units_per_events: 5, free_units_per_total_aggregation: '500', per_transaction_max_amount: '3.75', per_transaction_min_amount: null };
  }
}

function genCharge(ctx: Ctx, p: number, c: ChargeRef): LagoRecord {
  const m = metricDef(c.metric);
  const t = catalogTime(p, ctx.counts.plans, T.PLAN, ctx.seed) + 60_000 * (c.k + 1);
  const withFilter = m.filters.length > 0 && c.model === 'standard';
  const code = `${planDef(p).code}_${m.code}`;
  return {
    lago_id: uuid(ctx.seed, T.CHARGE, p * 64 + c.k),
    lago_billable_metric_id: uuid(ctx.seed, T.METRIC, c.metric),
    code,
    invoice_display_name: c.k === 0 ? null : m.name,
    billable_metric_code: m.code,
    created_at: isoSec(t),
    charge_model: c.model,
    invoiceable: true,
    regroup_paid_fees: null,
    pay_in_advance: false,
    prorated: false,
    min_amount_cents: c.model === 'package' ? 1000 : 0,
    accepts_target_wallet: false,
    properties: chargeProperties(c.model),
    applied_pricing_unit: null,
    lago_parent_id: null,
    filters: withFilter
      ? m.filters.slice(0, 1).map((f) => ({
          lago_id: uuid(ctx.seed, T.FILTER, p * 64 + c.k, 5),
          charge_code: code,
          invoice_display_name: `${m.name} ${f.values[0]}`,
          properties: { amount: '0.08' },
          values: { [f.key]: [f.values[0]] },
        }))
      : [],
    taxes: [],
  };
}

/** A plan's usage thresholds as V1::UsageThresholdSerializer sends them. */
function planThresholds(ctx: Ctx, i: number, t: number): LagoRecord[] {
  if (!planDef(i).code.startsWith('usage_only')) return [];
  return [{ lago_id: uuid(ctx.seed, T.PLAN, i, 8), threshold_display_name: i % 2 === 0 ? 'Spend alert' : null, amount_cents: 50000, recurring: false, created_at: isoSec(t), updated_at: isoSec(t) }];
}

export function genPlan(ctx: Ctx, i: number): LagoRecord {
  const d = planDef(i);
  const t = catalogTime(i, ctx.counts.plans, T.PLAN, ctx.seed);
  const currency = planCurrency(i);
  const thresholds = planThresholds(ctx, i, t);
  const out: LagoRecord = {
    lago_id: uuid(ctx.seed, T.PLAN, i),
    name: d.name,
    // nullable columns, often left empty
    invoice_display_name: i % 3 === 2 ? null : `${d.name} plan`,
    created_at: isoSec(t),
    code: d.code,
    interval: d.interval,
    description: i % 2 === 0 ? `${d.name} plan, billed ${d.interval}` : i % 4 === 1 ? '' : null,
    amount_cents: d.amount,
    amount_currency: currency,
    trial_period: d.trial > 0 ? d.trial : i % 2 === 0 ? 0 : null,
    pay_in_advance: d.payInAdvance,
    bill_charges_monthly: d.interval === 'yearly' ? true : null,
    bill_fixed_charges_monthly: d.interval === 'yearly' ? false : null,
    customers_count: 0,
    active_subscriptions_count: 0,
    draft_invoices_count: 0,
    // the list has parent plans only
    parent_id: null,
    // the list includes plans being deleted (Plans::PrepareDestroyService sets the flag, a job deletes them)
    pending_deletion: i % 5 === 4,
    charges: planCharges(ctx, i).map((c) => genCharge(ctx, i, c)),
    entitlements: d.code.startsWith('business')
      ? [{
          code: 'seats',
          name: 'Seats',
          description: null,
          privileges: [
            { code: 'max', name: 'Maximum', value_type: 'integer', value: 25, config: {} },
            { code: 'sso', name: null, value_type: 'boolean', value: true, config: {} },
          ],
        }]
      : [],
    usage_thresholds: thresholds,
    // Plan#applicable_usage_thresholds: a parent plan's own thresholds, without ids
    applicable_usage_thresholds: thresholds.map((u) => ({ threshold_display_name: u.threshold_display_name, amount_cents: u.amount_cents, recurring: u.recurring })),
    taxes: [],
  };
  if (d.code.startsWith('business')) {
    out.minimum_commitment = {
      lago_id: uuid(ctx.seed, T.PLAN, i, 7),
      plan_code: d.code,
      invoice_display_name: i % 2 === 0 ? 'Minimum commitment' : null,
      amount_cents: 150000,
      interval: d.interval,
      created_at: isoSec(t),
      updated_at: isoSec(t),
      taxes: [],
    };
  }
  if (i % 3 === 0) out.metadata = { crm_plan_id: `crm_${pad(i, 4)}`, tier: d.payInAdvance ? 'self-serve' : 'sales' };
  return out;
}

// ---- coupons, add-ons, webhook endpoints --------------------------------------------------------

function couponDef(i: number): (typeof COUPONS)[number] {
  const base = COUPONS[i % COUPONS.length] as (typeof COUPONS)[number];
  return i < COUPONS.length ? base : { ...base, code: `${base.code}_${i}`, name: `${base.name} ${i}` };
}

function couponTime(ctx: Ctx, i: number): number {
  return catalogTime(i, ctx.counts.coupons, T.COUPON, ctx.seed) + 30 * DAY;
}
/** One coupon in four has been terminated (Coupons::TerminateService); its applied coupons stay listed. */
function couponTerminatedAt(ctx: Ctx, i: number): number | null {
  return i % 4 === 3 ? Math.min(END_MS - DAY, couponTime(ctx, i) + 90 * DAY) : null;
}
function couponDescription(d: (typeof COUPONS)[number], i: number): string | null {
  return i % 2 === 0 ? `${d.name} coupon` : null;
}

export function genCoupon(ctx: Ctx, i: number): LagoRecord {
  const d = couponDef(i);
  const t = couponTime(ctx, i);
  const limitedPlans = i % 4 === 1 && ctx.counts.plans > 0;
  const limitedMetrics = i % 4 === 2 && ctx.counts.billable_metrics > 0;
  const terminatedAt = couponTerminatedAt(ctx, i);
  return {
    lago_id: uuid(ctx.seed, T.COUPON, i),
    name: d.name,
    code: d.code,
    description: couponDescription(d, i),
    coupon_type: d.type,
    amount_cents: d.amount,
    amount_currency: d.type === 'fixed_amount' ? 'USD' : null,
    percentage_rate: d.rate,
    frequency: d.frequency,
    frequency_duration: d.duration,
    reusable: i % 3 !== 2,
    limited_plans: limitedPlans,
    limited_billable_metrics: limitedMetrics,
    plan_codes: limitedPlans ? [planDef(0).code] : [],
    billable_metric_codes: limitedMetrics ? [metricDef(0).code] : [],
    created_at: isoSec(t),
    expiration: d.expires ? 'time_limit' : 'no_expiration',
    expiration_at: d.expires ? isoSec(END_MS + 60 * DAY - 1000) : null,
    terminated_at: terminatedAt === null ? null : isoSec(terminatedAt),
  };
}

export function genAddOn(ctx: Ctx, i: number): LagoRecord {
  const base = ADD_ONS[i % ADD_ONS.length] as (typeof ADD_ONS)[number];
  const code = i < ADD_ONS.length ? base.code : `${base.code}_${i}`;
  return {
    lago_id: uuid(ctx.seed, T.ADDON, i),
    name: i < ADD_ONS.length ? base.name : `${base.name} ${i}`,
    invoice_display_name: i % 2 === 0 ? base.name : null,
    code,
    amount_cents: base.amount,
    amount_currency: 'USD',
    created_at: isoSec(catalogTime(i, ctx.counts.add_ons, T.ADDON, ctx.seed)),
    description: base.description,
    taxes: [],
  };
}

export function genWebhookEndpoint(ctx: Ctx, i: number): LagoRecord {
  const url = WEBHOOK_URLS[i % WEBHOOK_URLS.length] as string;
  return {
    lago_id: uuid(ctx.seed, T.WEBHOOK, i),
    lago_organization_id: uuid(ctx.seed, T.ORG, 0),
    webhook_url: i < WEBHOOK_URLS.length ? url : `${url}/${i}`,
    signature_algo: i % 2 === 0 ? 'hmac' : 'jwt',
    name: i === 0 ? 'production' : null,
    event_types: i === 0 ? null : ['invoice.created', 'invoice.payment_status_updated', 'subscription.terminated'],
    created_at: isoSec(catalogTime(i, ctx.counts.webhook_endpoints, T.WEBHOOK, ctx.seed)),
  };
}

// ---- customers ------------------------------------------------------------------------------------

export function customerTime(ctx: Ctx, i: number): number {
  return slotTime(i, ctx.counts.customers, unit(hash(ctx.seed, i, T.CUSTOMER, 1)));
}
function customerSeq(ctx: Ctx, i: number): number {
  return ctx.counts.customers - i;
}
function customerPlace(ctx: Ctx, i: number): Place {
  return PLACES[hash(ctx.seed, i, T.CUSTOMER, 2) % PLACES.length] as Place;
}
function customerCompany(ctx: Ctx, i: number): string {
  return COMPANIES[hash(ctx.seed, i, T.CUSTOMER, 3) % COMPANIES.length] as string;
}
function customerCurrency(ctx: Ctx, i: number): string {
  const c = customerPlace(ctx, i).currency;
  return ctx.plansByCurrency.has(c) ? c : 'USD';
}
function customerEntity(ctx: Ctx, i: number): number {
  const nBE = ctx.counts.billing_entities;
  if (nBE <= 1) return 0;
  const cur = customerPlace(ctx, i).currency;
  const e = cur === 'EUR' ? 1 : cur === 'GBP' ? 2 : 0;
  return e < nBE ? e : 0;
}
function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
/** External id: most look like cus_000123, one in five like 'hooli.io-123' (a dot, as real ids sometimes have). */
export function customerExternalId(ctx: Ctx, i: number): string {
  const seq = customerSeq(ctx, i);
  return seq % 5 === 2 ? `${slugify(customerCompany(ctx, i))}.io-${seq}` : `cus_${pad(seq, 6)}`;
}
/** Inverse of customerExternalId for generated customers (undefined when the id cannot be one). */
export function customerIndexFromExternalId(ctx: Ctx, id: string): number | undefined {
  const m = /(\d+)$/.exec(id);
  if (!m) return undefined;
  const i = ctx.counts.customers - Number(m[1]);
  return i >= 0 && i < ctx.counts.customers ? i : undefined;
}

function customerBase(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.CUSTOMER, i);
  const seq = customerSeq(ctx, i);
  const place = customerPlace(ctx, i);
  const company = customerCompany(ctx, i);
  const individual = r.chance(0.2);
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const t = customerTime(ctx, i);
  const updated = Math.min(END_MS, t + r.int(0, 90) * DAY + r.int(0, 86399) * 1000);
  const hasTimezone = r.chance(0.5);
  const domain = `${slugify(company)}.test`;
  const e = entityDef(customerEntity(ctx, i));
  const providers = ['stripe', 'adyen', 'gocardless'] as const;
  const provider = place.currency === 'EUR' && r.chance(0.3) ? 'gocardless' : r.chance(0.1) ? 'adyen' : providers[0];
  const sparse = r.chance(0.25); // some customers have few optional fields filled in
  return {
    lago_id: uuid(ctx.seed, T.CUSTOMER, i),
    sequential_id: seq,
    slug: `ACM-${token(ctx.seed, T.ORG, 0).slice(0, 4).toUpperCase()}-${pad(seq, 3)}`,
    external_id: customerExternalId(ctx, i),
    billing_entity_code: e.code,
    address_line1: sparse ? null : place.street,
    address_line2: !sparse && r.chance(0.3) ? `Floor ${r.int(1, 12)}` : null,
    applicable_timezone: hasTimezone ? place.timezone : 'UTC',
    city: sparse ? null : place.city,
    country: sparse ? null : place.country,
    currency: customerCurrency(ctx, i),
    email: individual ? `${first.toLowerCase()}.${last.toLowerCase()}@${domain}` : `billing@${domain}`,
    legal_name: individual ? null : `${company} ${place.country === 'US' ? 'Inc.' : place.country === 'GB' ? 'Ltd' : 'SAS'}`,
    legal_number: individual || sparse ? null : `${pad(r.int(10, 99), 2)}-${pad(r.int(0, 9999999), 7)}`,
    logo_url: r.chance(0.2) ? `https://${domain}/logo.png` : null,
    name: individual ? `${first} ${last}` : company,
    firstname: individual || r.chance(0.5) ? first : null,
    lastname: individual || r.chance(0.5) ? last : null,
    account_type: r.chance(0.05) ? 'partner' : 'customer',
    customer_type: individual ? 'individual' : r.chance(0.8) ? 'company' : null,
    phone: sparse || r.chance(0.3) ? null : place.phone,
    state: sparse ? null : place.state,
    tax_identification_number: !individual && place.country !== 'US' && !sparse ? `${place.country}${pad(r.int(0, 999999999), 9)}` : null,
    timezone: hasTimezone ? place.timezone : null,
    url: individual || sparse ? null : `https://${domain}`,
    zipcode: sparse ? null : place.zip,
    net_payment_term: r.chance(0.3) ? r.pick([15, 30, 45]) : null,
    created_at: isoSec(t),
    updated_at: isoSec(updated),
    finalize_zero_amount_invoice: r.pick(['inherit', 'inherit', 'skip', 'finalize'] as const),
    skip_invoice_custom_sections: false,
    billing_configuration: {
      invoice_grace_period: r.pick([0, 0, 3]),
      subscription_invoice_issuing_date_anchor: r.chance(0.7) ? null : 'next_period_start',
      subscription_invoice_issuing_date_adjustment: r.chance(0.7) ? null : 'keep_anchor',
      payment_provider: provider,
      payment_provider_code: `${provider}-${place.currency.toLowerCase()}`,
      provider_customer_id: `${provider === 'stripe' ? 'cus' : provider === 'adyen' ? 'ady' : 'CU'}_${token(ctx.seed, T.CUSTOMER, i)}`,
      sync: false,
      sync_with_provider: r.chance(0.6),
      document_locale: place.locale,
      provider_payment_methods: provider === 'stripe' ? ['card'] : provider === 'gocardless' ? null : ['card', 'sepa_debit'],
    },
    shipping_address: {
      address_line1: sparse ? null : place.street,
      address_line2: null,
      city: sparse ? null : place.city,
      country: sparse ? null : place.country,
      state: sparse ? null : place.state,
      zipcode: sparse ? null : place.zip,
    },
    metadata: r.chance(0.3)
      ? [{ lago_id: uuid(ctx.seed, T.META, i), key: 'Purchase Order', value: `PO-${pad(r.int(0, 999999), 6)}`, display_in_invoice: true, created_at: isoSec(t) }]
      : [],
    integration_customers: r.chance(0.15)
      ? [{
          lago_id: uuid(ctx.seed, T.INTEGRATION, i),
          type: 'hubspot',
          integration_code: 'hubspot-main',
          external_customer_id: `${r.int(1000000, 9999999)}`,
          sync_with_provider: true,
          subsidiary_id: '1',
          targeted_object: 'companies',
          email: null,
        }]
      : [],
  };
}

/** the customer as embedded in credit notes and payment requests (documented without integration_customers) */
function embeddedCustomer(ctx: Ctx, i: number): LagoRecord {
  const c = customerBase(ctx, i);
  delete c.integration_customers;
  return c;
}

export function genCustomer(ctx: Ctx, i: number): LagoRecord {
  const c = customerBase(ctx, i);
  const tax = taxForPlace(ctx, customerPlace(ctx, i));
  c.taxes = tax >= 0 && hash(ctx.seed, i, T.CUSTOMER, 9) % 3 === 0 ? [genTax(ctx, tax)] : [];
  c.applicable_invoice_custom_sections = [];
  c.error_details = [];
  return c;
}

// ---- subscriptions ------------------------------------------------------------------------------

// Subscription::STATUSES (app/models/subscription.rb); `incomplete` since v1.45.2: started (started_at set by
// mark_as_incomplete!) but gated by a pending activation rule, so not active and never billed for usage.
const SUB_STATUSES = ['active', 'terminated', 'pending', 'canceled', 'incomplete'] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

export function subTime(ctx: Ctx, i: number): number {
  return slotTime(i, ctx.counts.subscriptions, unit(hash(ctx.seed, i, T.SUB, 1)));
}
export function subStatus(ctx: Ctx, i: number): SubStatus {
  if (i < 4 && ctx.counts.subscriptions >= 4) return SUB_STATUSES[i] as SubStatus;
  const u = unit(hash(ctx.seed, i, T.SUB, 7));
  return u < 0.55 ? 'active' : u < 0.77 ? 'terminated' : u < 0.89 ? 'canceled' : u < 0.95 ? 'pending' : 'incomplete';
}
export function subCustomer(ctx: Ctx, i: number): number {
  return pickOlder(ctx.counts.customers, subTime(ctx, i), hash(ctx.seed, i, T.SUB, 2));
}
function subPlan(ctx: Ctx, i: number): number {
  const cands = ctx.plansByCurrency.get(customerCurrency(ctx, subCustomer(ctx, i))) ?? [];
  if (cands.length === 0) return ctx.counts.plans > 0 ? hash(ctx.seed, i, T.SUB, 3) % ctx.counts.plans : 0;
  return cands[hash(ctx.seed, i, T.SUB, 3) % cands.length] as number;
}
export function subExternalId(ctx: Ctx, i: number): string {
  return `sub_${pad(ctx.counts.subscriptions - i, 6)}`;
}

function periodBounds(interval: string, now: number): [number, number] {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (interval) {
    case 'yearly':
      return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1) - 1000];
    case 'quarterly':
      return [Date.UTC(y, m - (m % 3), 1), Date.UTC(y, m - (m % 3) + 3, 1) - 1000];
    case 'semiannual':
      return [Date.UTC(y, m - (m % 6), 1), Date.UTC(y, m - (m % 6) + 6, 1) - 1000];
    case 'weekly': {
      const start = startOfDay(now) - ((d.getUTCDay() + 6) % 7) * DAY;
      return [start, start + 7 * DAY - 1000];
    }
    default:
      return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1) - 1000];
  }
}

interface SubFacts {
  status: SubStatus;
  customer: number;
  plan: number;
  createdAt: number;
  subscriptionAt: number;
  startedAt: number | null;
  terminatedAt: number | null;
  canceledAt: number | null;
}
function subFacts(ctx: Ctx, i: number): SubFacts {
  const status = subStatus(ctx, i);
  const t = subTime(ctx, i);
  const h = hash(ctx.seed, i, T.SUB, 11);
  const f: SubFacts = { status, customer: subCustomer(ctx, i), plan: subPlan(ctx, i), createdAt: t, subscriptionAt: t, startedAt: null, terminatedAt: null, canceledAt: null };
  if (status === 'active' || status === 'incomplete') f.startedAt = t;
  else if (status === 'terminated') {
    f.startedAt = t;
    f.terminatedAt = Math.min(END_MS - DAY, t + (20 + (h % 300)) * DAY);
    if (f.terminatedAt <= t) f.terminatedAt = t + 3600_000;
  } else if (status === 'pending') {
    f.subscriptionAt = startOfDay(END_MS) + (1 + (h % 45)) * DAY;
  } else {
    f.subscriptionAt = startOfDay(t) + (5 + (h % 20)) * DAY;
    f.canceledAt = t + (1 + (h % 4)) * DAY;
  }
  return f;
}

export function genSubscription(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.SUB, i);
  const f = subFacts(ctx, i);
  const plan = planDef(f.plan);
  const customer = customerBase(ctx, f.customer);
  const [pStart, pEnd] = periodBounds(plan.interval, END_MS);
  const trialEnded = f.startedAt !== null && plan.trial > 0 ? f.startedAt + plan.trial * DAY : null;
  const downgrade = f.status === 'active' && r.chance(0.1) && ctx.counts.plans > 1;
  const current = f.status === 'active' || f.status === 'incomplete';
  const billed = f.status === 'active' || f.status === 'terminated';
  return {
    lago_id: uuid(ctx.seed, T.SUB, i),
    external_id: subExternalId(ctx, i),
    lago_customer_id: customer.lago_id,
    external_customer_id: customer.external_id,
    name: r.chance(0.6) ? `${plan.name} – ${customer.name as string}` : null,
    plan_code: plan.code,
    plan_amount_cents: plan.amount,
    plan_amount_currency: planCurrency(f.plan),
    status: f.status,
    billing_time: r.chance(0.7) ? 'calendar' : 'anniversary',
    subscription_at: isoSec(f.subscriptionAt),
    started_at: f.startedAt === null ? null : isoMs(f.startedAt),
    trial_ended_at: trialEnded !== null && trialEnded <= END_MS ? isoSec(trialEnded) : null,
    ending_at: f.status === 'active' && r.chance(0.15) ? isoSec(pEnd + 1000 + 365 * DAY) : null,
    terminated_at: f.terminatedAt === null ? null : isoSec(f.terminatedAt),
    canceled_at: f.canceledAt === null ? null : isoSec(f.canceledAt),
    created_at: isoSec(f.createdAt),
    previous_plan_code: null,
    next_plan_code: downgrade ? planDef((f.plan + 1) % ctx.counts.plans).code : null,
    downgrade_plan_date: downgrade ? isoDate(pEnd + 1000) : null,
    current_billing_period_started_at: current ? isoSec(Math.max(pStart, f.startedAt ?? pStart)) : null,
    current_billing_period_ending_at: current ? isoSec(pEnd) : null,
    // must be absent for pay-in-arrears plans (Subscription validates its absence)
    on_termination_credit_note: plan.payInAdvance ? 'credit' : null,
    on_termination_invoice: 'generate',
    progressive_billing_disabled: r.chance(0.1),
    consolidate_invoice: true,
    purchase_order_number: r.chance(0.2) ? `PO-${pad(r.int(0, 99999), 5)}` : null,
    cancellation_reason: null,
    // Subscription#mark_as_active! sets activated_at; an incomplete subscription has started_at but no activated_at
    activated_at: billed && f.startedAt !== null ? isoSec(f.startedAt) : null,
    payment_method: r.chance(0.15)
      ? { payment_method_id: null, payment_method_type: 'manual' }
      : { payment_method_id: uuid(ctx.seed, T.PAYMENT_METHOD, f.customer), payment_method_type: 'provider' },
    activation_rules: f.status === 'incomplete' ? [activationRule(ctx, i, f.startedAt as number)] : [],
  };
}

/** The payment rule gating an incomplete subscription (Subscriptions::ActivationRules::Payment::EvaluateService). */
function activationRule(ctx: Ctx, i: number, startedAt: number): LagoRecord {
  // expires_at = evaluation time + timeout_hours, nil for a 0 timeout; a pending rule past it would be expired
  const timeout = startedAt + 48 * 3600_000 > END_MS ? 48 : 0;
  return {
    lago_id: uuid(ctx.seed, T.RULE, i, 3),
    type: 'payment',
    timeout_hours: timeout,
    status: 'pending',
    expires_at: timeout === 0 ? null : isoSec(startedAt + timeout * 3600_000),
    created_at: isoSec(startedAt),
    updated_at: isoSec(startedAt),
  };
}

/** a started subscription whose start is at or before t (falls back to any started one, then to any) */
function pickStartedSub(ctx: Ctx, t: number, h: number): number {
  const s = ctx.startedSubs;
  if (s.length === 0) return ctx.counts.subscriptions > 0 ? h % ctx.counts.subscriptions : 0;
  // startedSubs ascending index = descending time: first position whose time <= t
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (subTime(ctx, s[mid] as number) > t) lo = mid + 1;
    else hi = mid;
  }
  const from = lo < s.length ? lo : 0;
  return s[from + (h % (s.length - from))] as number;
}

// ---- events -------------------------------------------------------------------------------------

export function eventTime(ctx: Ctx, i: number): number {
  return Math.floor(slotTime(i, ctx.counts.events, unit(hash(ctx.seed, i, T.EVENT, 1))));
}

/** subscription index of generated event i (cheap: no record is built) */
export function eventSub(ctx: Ctx, i: number): number {
  return pickStartedSub(ctx, eventTime(ctx, i), hash(ctx.seed, i, T.EVENT, 2));
}
/** billable metric index of generated event i, given its subscription */
function eventMetric(ctx: Ctx, i: number, sub: number): number {
  const h = hash(ctx.seed, i, T.EVENT, 2);
  const charges = planCharges(ctx, subPlan(ctx, sub));
  return charges.length > 0 ? (charges[(h >>> 8) % charges.length] as ChargeRef).metric : (h >>> 8) % Math.max(ctx.counts.billable_metrics, 1);
}
/** external_subscription_id and code of generated event i, without building it */
export function eventKeys(ctx: Ctx, i: number): { externalSubscriptionId: string; code: string } {
  const sub = eventSub(ctx, i);
  return { externalSubscriptionId: subExternalId(ctx, sub), code: metricDef(eventMetric(ctx, i, sub)).code };
}

export function genEvent(ctx: Ctx, i: number): LagoRecord {
  const t = eventTime(ctx, i);
  const h = hash(ctx.seed, i, T.EVENT, 2);
  const sub = eventSub(ctx, i);
  const customer = subCustomer(ctx, sub);
  const metric = eventMetric(ctx, i, sub);
  const m = metricDef(metric);
  const props: LagoRecord = {};
  if (m.field) props[m.field] = m.agg === 'unique_count_agg' ? `user_${(h >>> 4) % 50}` : String(((h >>> 12) % 10000) / 100);
  for (const f of m.filters) props[f.key] = f.values[(h >>> 20) % f.values.length];
  if (m.agg === 'unique_count_agg') props.operation_type = 'add';
  const clickhouse = h % 5 === 0;
  return {
    lago_id: clickhouse ? null : uuid(ctx.seed, T.EVENT, i),
    transaction_id: `txn_${token(ctx.seed, T.EVENT, i)}_${i.toString(36)}`,
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, customer),
    code: m.code,
    timestamp: isoMs(t),
    precise_total_amount_cents: m.agg === 'sum_agg' && (h >>> 16) % 7 === 0 ? (((h >>> 3) % 100000) / 100).toFixed(2) : null,
    properties: props,
    lago_subscription_id: uuid(ctx.seed, T.SUB, sub),
    external_subscription_id: subExternalId(ctx, sub),
    external_customer_id: (h >>> 24) % 3 === 0 ? customerExternalId(ctx, customer) : null,
    created_at: isoSec(t + 1000 + ((h >>> 5) % 120) * 1000),
  };
}

// ---- invoices -----------------------------------------------------------------------------------

export function invoiceTime(ctx: Ctx, i: number): number {
  // whole seconds; the issuing date is the UTC day of this instant
  return Math.floor(slotTime(i, ctx.counts.invoices, unit(hash(ctx.seed, i, T.INVOICE, 1))) / 1000) * 1000;
}

interface InvoiceFacts {
  sub: number;
  customer: number;
  type: 'subscription' | 'add_on' | 'one_off' | 'credit' | 'progressive_billing';
  status: 'draft' | 'finalized' | 'voided' | 'failed' | 'pending';
  paymentStatus: 'pending' | 'succeeded' | 'failed';
  currency: string;
  fees: number;
  coupons: number;
  taxRate: number;
  taxIndex: number;
  taxes: number;
  prepaid: number;
  creditNotes: number;
  total: number;
  t: number;
}

function invoiceFacts(ctx: Ctx, i: number): InvoiceFacts {
  const t = invoiceTime(ctx, i);
  const h = hash(ctx.seed, i, T.INVOICE, 2);
  const sub = pickStartedSub(ctx, t, h);
  const customer = subCustomer(ctx, sub);
  const u = unit(hash(ctx.seed, i, T.INVOICE, 3));
  const type = u < 0.85 ? 'subscription' : u < 0.9 ? 'one_off' : u < 0.94 ? 'add_on' : u < 0.97 ? 'credit' : 'progressive_billing';
  const v = unit(hash(ctx.seed, i, T.INVOICE, 4));
  const recent = t > END_MS - 20 * DAY;
  const status = recent && v < 0.5 ? 'draft' : v < 0.86 || recent ? 'finalized' : v < 0.91 ? 'voided' : v < 0.95 ? 'failed' : 'pending';
  const w = unit(hash(ctx.seed, i, T.INVOICE, 5));
  const paymentStatus = status !== 'finalized' ? 'pending' : w < 0.75 ? 'succeeded' : w < 0.9 ? 'pending' : 'failed';
  const plan = planDef(subPlan(ctx, sub));
  const fees = type === 'subscription' ? plan.amount + ((h >>> 7) % 50000) : type === 'add_on' ? 50000 : type === 'credit' ? 10000 * (1 + ((h >>> 9) % 5)) : 1000 + ((h >>> 11) % 90000);
  const coupons = type === 'subscription' && (h >>> 13) % 6 === 0 ? Math.min(5000, fees) : 0;
  const taxIndex = taxForPlace(ctx, customerPlace(ctx, customer));
  const taxRate = taxIndex >= 0 && type !== 'credit' ? taxDef(taxIndex).rate : 0;
  const excl = fees - coupons;
  const taxes = Math.round((excl * taxRate) / 100);
  const prepaid = type === 'subscription' && (h >>> 17) % 8 === 0 ? Math.min(2000, excl + taxes) : 0;
  const creditNotes = 0;
  return { sub, customer, type, status, paymentStatus, currency: customerCurrency(ctx, customer), fees, coupons, taxRate, taxIndex, taxes, prepaid, creditNotes, total: excl + taxes - prepaid - creditNotes, t };
}

function invoiceNumber(ctx: Ctx, i: number): string {
  return `ACM-${token(ctx.seed, T.ORG, 0).slice(0, 4).toUpperCase()}-${pad(ctx.counts.invoices - i, 4)}`;
}

/** the invoice object without its customer (as embedded in payment requests) */
function invoiceBase(ctx: Ctx, i: number): LagoRecord {
  const f = invoiceFacts(ctx, i);
  const r = new Rng(ctx.seed, T.INVOICE, i);
  const id = uuid(ctx.seed, T.INVOICE, i);
  const net = r.pick([0, 15, 30, 30]);
  const issuing = isoDate(f.t);
  const due = startOfDay(f.t) + net * DAY;
  const disputeLost = f.paymentStatus === 'failed' && r.chance(0.3);
  const out: LagoRecord = {
    lago_id: id,
    billing_entity_code: entityDef(customerEntity(ctx, f.customer)).code,
    sequential_id: ctx.counts.invoices - i,
    number: invoiceNumber(ctx, i),
    issuing_date: issuing,
    payment_due_date: isoDate(due),
    payment_overdue: f.status === 'finalized' && f.paymentStatus !== 'succeeded' && due < END_MS,
    net_payment_term: net,
    invoice_type: f.type,
    status: f.status,
    payment_status: f.paymentStatus,
    currency: f.currency,
    fees_amount_cents: f.fees,
    coupons_amount_cents: f.coupons,
    credit_notes_amount_cents: f.creditNotes,
    sub_total_excluding_taxes_amount_cents: f.fees - f.coupons,
    taxes_amount_cents: f.taxes,
    sub_total_including_taxes_amount_cents: f.fees - f.coupons + f.taxes,
    prepaid_credit_amount_cents: f.prepaid,
    prepaid_granted_credit_amount_cents: f.prepaid > 0 ? f.prepaid : r.chance(0.5) ? 0 : null,
    prepaid_purchased_credit_amount_cents: f.prepaid > 0 ? 0 : r.chance(0.5) ? 0 : null,
    progressive_billing_credit_amount_cents: 0,
    total_amount_cents: f.total,
    version_number: 4,
    self_billed: false,
    file_url: `https://files.lago.test/invoices/${id}.pdf`,
    web_url: r.chance(0.5) ? `https://app.lago.test/acme/customer/${uuid(ctx.seed, T.CUSTOMER, f.customer)}/invoice/${id}/overview` : null,
    created_at: isoSec(f.t),
    updated_at: isoSec(Math.min(END_MS, f.t + r.int(0, 10) * DAY)),
  };
  // payment_dispute_lost_at is documented as a non-null date-time; lago-api sends null when there was no
  // lost dispute. To stay valid against the documented type we send it only when a dispute was lost.
  if (disputeLost) out.payment_dispute_lost_at = isoSec(f.t + 20 * DAY);
  return out;
}

export function genInvoice(ctx: Ctx, i: number): LagoRecord {
  const f = invoiceFacts(ctx, i);
  const out = invoiceBase(ctx, i);
  out.customer = customerBase(ctx, f.customer);
  const r = new Rng(ctx.seed, T.INVOICE, i + 0x10000000);
  out.metadata = r.chance(0.2) ? [{ lago_id: uuid(ctx.seed, T.META, i, 3), key: 'digital_ref_id', value: `INV-${pad(r.int(0, 9999999), 7)}`, created_at: out.created_at }] : [];
  out.applied_taxes = f.taxIndex >= 0 && f.taxRate > 0
    ? [{ lago_invoice_id: out.lago_id, fees_amount_cents: f.fees - f.coupons, ...appliedTax(ctx, T.INVOICE, i, f.taxIndex, f.taxes, f.currency, out.created_at as string) }]
    : [];
  out.applied_invoice_custom_sections = [];
  out.applied_usage_thresholds = [];
  return out;
}

function appliedTax(ctx: Ctx, tag: number, i: number, taxIndex: number, amount: number, currency: string, createdAt: string): LagoRecord {
  const d = taxDef(taxIndex);
  return {
    lago_id: uuid(ctx.seed, T.APPLIED_TAX, i, tag),
    lago_tax_id: uuid(ctx.seed, T.TAX, taxIndex),
    tax_name: d.name,
    tax_code: d.code,
    tax_rate: d.rate,
    tax_description: d.description,
    amount_cents: amount,
    amount_currency: currency,
    created_at: createdAt,
  };
}

// ---- fees ---------------------------------------------------------------------------------------

/** fees are listed oldest first: time increases with the index */
export function feeTime(ctx: Ctx, i: number): number {
  const n = Math.max(ctx.counts.fees, 1);
  const step = (END_MS - START_MS) / n;
  return Math.floor((START_MS + (i + 0.05 + 0.9 * unit(hash(ctx.seed, i, T.FEE, 1))) * step) / 1000) * 1000;
}

function buildFee(ctx: Ctx, tag: number, i: number, t: number, invoice: number, salt: number): LagoRecord {
  const r = new Rng(ctx.seed, tag, i * 8 + salt);
  const f = invoiceFacts(ctx, invoice);
  const plan = subPlan(ctx, f.sub);
  const pd = planDef(plan);
  const charges = planCharges(ctx, plan);
  const kind = charges.length > 0 && r.chance(0.6) ? 'charge' : r.chance(0.85) ? 'subscription' : 'add_on';
  const currency = f.currency;
  let amount: number;
  let units: string;
  let item: LagoRecord;
  let chargeId: string | null = null;
  let events: number | null = null;
  const amountDetails: LagoRecord = {};
  if (kind === 'charge') {
    const c = r.pick(charges);
    const m = metricDef(c.metric);
    const u = r.int(0, 5000);
    units = `${u}.0`;
    amount = Math.round(u * 5);
    events = r.int(u === 0 ? 0 : 1, Math.max(1, u));
    chargeId = uuid(ctx.seed, T.CHARGE, plan * 64 + c.k);
    item = { type: 'charge', code: m.code, name: m.name, description: m.description, invoice_display_name: m.name, filter_invoice_display_name: null, filters: null, lago_item_id: uuid(ctx.seed, T.METRIC, c.metric), item_type: 'BillableMetric', grouped_by: {} };
    if (c.model === 'standard') Object.assign(amountDetails, { units: units, per_unit_amount: '0.05', per_unit_total_amount: cents(amount) });
  } else if (kind === 'subscription') {
    units = '1.0';
    amount = pd.amount;
    item = { type: 'subscription', code: pd.code, name: pd.name, description: null, invoice_display_name: pd.name, filter_invoice_display_name: null, filters: null, lago_item_id: uuid(ctx.seed, T.SUB, f.sub), item_type: 'Subscription', grouped_by: {} };
    amountDetails.plan_amount_cents = pd.amount;
  } else {
    const a = ctx.counts.add_ons > 0 ? r.int(0, ctx.counts.add_ons - 1) : 0;
    const ad = ADD_ONS[a % ADD_ONS.length] as (typeof ADD_ONS)[number];
    units = '1.0';
    amount = ad.amount;
    item = { type: 'add_on', code: a < ADD_ONS.length ? ad.code : `${ad.code}_${a}`, name: ad.name, description: ad.description, invoice_display_name: ad.name, filter_invoice_display_name: null, filters: null, lago_item_id: uuid(ctx.seed, T.ADDON, a), item_type: 'AddOn', grouped_by: {} };
  }
  const taxes = Math.round((amount * f.taxRate) / 100);
  const paid = f.paymentStatus;
  const feePay = paid === 'succeeded' ? 'succeeded' : paid === 'failed' ? 'failed' : 'pending';
  const id = uuid(ctx.seed, tag, i, salt);
  const [pStart, pEnd] = periodBounds(pd.interval, f.t - DAY);
  const created = isoSec(t);
  return {
    lago_id: id,
    lago_charge_id: chargeId,
    lago_charge_filter_id: null,
    lago_fixed_charge_id: null,
    lago_invoice_id: kind === 'charge' && r.chance(0.1) ? null : uuid(ctx.seed, T.INVOICE, invoice),
    lago_true_up_fee_id: null,
    lago_true_up_parent_fee_id: null,
    lago_subscription_id: kind === 'add_on' ? null : uuid(ctx.seed, T.SUB, f.sub),
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, f.customer),
    external_customer_id: customerExternalId(ctx, f.customer),
    external_subscription_id: kind === 'add_on' ? null : subExternalId(ctx, f.sub),
    amount_cents: amount,
    precise_amount: cents(amount),
    precise_total_amount: cents(amount + taxes),
    amount_currency: currency,
    taxes_amount_cents: taxes,
    taxes_precise_amount: cents(taxes),
    taxes_rate: f.taxRate,
    units,
    precise_unit_amount: kind === 'charge' ? '0.05' : cents(amount),
    total_aggregated_units: units,
    total_amount_cents: amount + taxes,
    total_amount_currency: currency,
    events_count: events,
    pay_in_advance: kind === 'subscription' && pd.payInAdvance,
    invoiceable: true,
    from_date: kind === 'add_on' ? null : isoSec(pStart),
    to_date: kind === 'add_on' ? null : isoSec(pEnd),
    payment_status: feePay,
    created_at: created,
    succeeded_at: feePay === 'succeeded' ? isoSec(t + 2 * DAY) : null,
    failed_at: feePay === 'failed' ? isoSec(t + 2 * DAY) : null,
    refunded_at: null,
    event_transaction_id: null,
    description: kind === 'add_on' ? 'One-off add-on' : null,
    precise_coupons_amount_cents: '0.0',
    sub_total_excluding_taxes_amount_cents: amount,
    sub_total_excluding_taxes_precise_amount_cents: `${amount}.0`,
    amount_details: amountDetails,
    self_billed: false,
    item,
    applied_taxes: f.taxIndex >= 0 && f.taxRate > 0 ? [{ lago_fee_id: id, ...appliedTax(ctx, tag, i * 8 + salt, f.taxIndex, taxes, currency, created) }] : [],
    presentation_breakdowns: [],
  };
}

export function genFee(ctx: Ctx, i: number): LagoRecord {
  const t = feeTime(ctx, i);
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + (hash(ctx.seed, i, T.FEE, 2) % 2)) : 0;
  return buildFee(ctx, T.FEE, i, t, inv, 0);
}

// ---- credit notes -------------------------------------------------------------------------------

export function genCreditNote(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.CN, i);
  const t = Math.floor(slotTime(i, ctx.counts.credit_notes, unit(hash(ctx.seed, i, T.CN, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  const f = invoiceFacts(ctx, inv);
  const fee = buildFee(ctx, T.CN_ITEM, i, Math.min(t, f.t + 3600_000), inv, 1);
  const sub = Math.min(fee.amount_cents as number, Math.max(100, Math.round((f.fees - f.coupons) / 2)));
  const taxes = Math.round((sub * f.taxRate) / 100);
  const total = sub + taxes;
  const refund = r.chance(0.3);
  const id = uuid(ctx.seed, T.CN, i);
  const credit = refund ? 0 : total;
  const status = refund ? null : r.pick(['available', 'available', 'consumed', 'voided'] as const);
  return {
    lago_id: id,
    billing_entity_code: entityDef(customerEntity(ctx, f.customer)).code,
    sequential_id: ctx.counts.credit_notes - i,
    number: `${invoiceNumber(ctx, inv)}-CN${ctx.counts.credit_notes - i}`,
    lago_invoice_id: uuid(ctx.seed, T.INVOICE, inv),
    invoice_number: invoiceNumber(ctx, inv),
    issuing_date: isoDate(t),
    credit_status: status,
    refund_status: refund ? r.pick(['pending', 'succeeded', 'failed'] as const) : null,
    reason: r.pick(['duplicated_charge', 'product_unsatisfactory', 'order_change', 'order_cancellation', 'fraudulent_charge', 'other'] as const),
    description: r.chance(0.5) ? 'Goodwill gesture' : null,
    currency: f.currency,
    total_amount_cents: total,
    taxes_amount_cents: taxes,
    taxes_rate: f.taxRate,
    sub_total_excluding_taxes_amount_cents: sub,
    balance_amount_cents: status === 'available' ? credit : 0,
    credit_amount_cents: credit,
    refund_amount_cents: refund ? total : 0,
    offset_amount_cents: 0,
    coupons_adjustment_amount_cents: 0,
    created_at: isoSec(t),
    updated_at: isoSec(Math.min(END_MS, t + r.int(0, 5) * DAY)),
    file_url: r.chance(0.7) ? `https://files.lago.test/credit_notes/${id}.pdf` : null,
    items: [{ lago_id: uuid(ctx.seed, T.CN_ITEM, i, 9), amount_cents: sub, amount_currency: f.currency, fee }],
    applied_taxes: f.taxIndex >= 0 && f.taxRate > 0 ? [{ lago_credit_note_id: id, base_amount_cents: sub, ...appliedTax(ctx, T.CN, i, f.taxIndex, taxes, f.currency, isoSec(t)) }] : [],
    self_billed: false,
    customer: embeddedCustomer(ctx, f.customer),
    metadata: r.chance(0.2) ? { reason_code: 'RC-12' } : null,
    error_details: [],
  };
}

// ---- wallets & transactions ---------------------------------------------------------------------

function walletTime(ctx: Ctx, i: number): number {
  return Math.floor(slotTime(i, ctx.counts.wallets, unit(hash(ctx.seed, i, T.WALLET, 1))) / 1000) * 1000;
}
export function walletCustomer(ctx: Ctx, i: number): number {
  return pickOlder(ctx.counts.customers, walletTime(ctx, i), hash(ctx.seed, i, T.WALLET, 2));
}

export function genWallet(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.WALLET, i);
  const t = walletTime(ctx, i);
  const c = walletCustomer(ctx, i);
  const terminated = r.chance(0.15);
  const balance = r.int(0, 2000) * 100;
  const consumed = r.int(0, 500);
  const usage = Math.min(balance, r.int(0, 30) * 100);
  const currency = customerCurrency(ctx, c);
  const rule = r.chance(0.3);
  return {
    lago_id: uuid(ctx.seed, T.WALLET, i),
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, c),
    external_customer_id: customerExternalId(ctx, c),
    billing_entity_code: entityDef(customerEntity(ctx, c)).code,
    status: terminated ? 'terminated' : 'active',
    currency,
    name: r.chance(0.7) ? 'Prepaid credits' : null,
    code: r.chance(0.7) ? `prepaid_${i}` : null,
    priority: 50,
    rate_amount: '1.0',
    credits_balance: cents(balance),
    balance_cents: balance,
    consumed_credits: `${consumed}.0`,
    created_at: isoSec(t),
    expiration_at: r.chance(0.2) ? isoSec(END_MS + 180 * DAY) : null,
    last_balance_sync_at: r.chance(0.8) ? isoSec(Math.min(END_MS, t + 5 * DAY)) : null,
    last_consumed_credit_at: consumed > 0 ? isoSec(Math.min(END_MS, t + 10 * DAY)) : null,
    terminated_at: terminated ? isoSec(Math.min(END_MS, t + 60 * DAY)) : null,
    invoice_requires_successful_payment: false,
    applies_to: { fee_types: r.chance(0.2) ? ['charge'] : [], billable_metric_codes: [] },
    recurring_transaction_rules: rule
      ? [{
          lago_id: uuid(ctx.seed, T.RULE, i),
          trigger: 'threshold',
          method: 'fixed',
          interval: 'monthly',
          status: 'active',
          threshold_credits: '20.0',
          paid_credits: '100.0',
          granted_credits: '0.0',
          grants_target_top_up: null,
          started_at: null,
          target_ongoing_balance: null,
          created_at: isoSec(t),
          expiration_at: null,
          invoice_requires_successful_payment: false,
          transaction_metadata: [],
          transaction_name: null,
          ignore_paid_top_up_limits: false,
          applied_invoice_custom_sections: [],
          payment_method: { payment_method_type: 'provider', payment_method_id: uuid(ctx.seed, T.PAYMENT_METHOD, c) },
          purchase_order_number: null,
        }]
      : [],
    ongoing_balance_cents: balance - usage,
    ongoing_usage_balance_cents: usage,
    credits_ongoing_balance: cents(balance - usage),
    credits_ongoing_usage_balance: cents(usage),
    paid_top_up_min_amount_cents: null,
    paid_top_up_max_amount_cents: null,
    applied_invoice_custom_sections: [],
    payment_method: { payment_method_type: 'provider', payment_method_id: uuid(ctx.seed, T.PAYMENT_METHOD, c) },
    purchase_order_number: null,
    metadata: null,
  };
}

/** transaction k of wallet w lives at flat index w * perWallet + k (newest first within a wallet) */
export function genWalletTransaction(ctx: Ctx, i: number): LagoRecord {
  const per = Math.max(ctx.counts.wallet_transactions, 1);
  const w = Math.floor(i / per);
  const k = i % per;
  const r = new Rng(ctx.seed, T.WTX, i);
  const wt = walletTime(ctx, w);
  const t = Math.floor((END_MS - ((k + 0.5) / per) * (END_MS - wt)) / 1000) * 1000;
  const inbound = k === per - 1 || r.chance(0.5);
  const status = inbound ? r.pick(['settled', 'settled', 'settled', 'pending', 'failed'] as const) : 'settled';
  const txStatus = inbound ? r.pick(['purchased', 'purchased', 'granted'] as const) : r.chance(0.9) ? 'invoiced' : 'voided';
  const credits = r.int(1, 100);
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI)) : -1;
  return {
    lago_id: uuid(ctx.seed, T.WTX, i),
    lago_wallet_id: uuid(ctx.seed, T.WALLET, w),
    lago_invoice_id: txStatus === 'purchased' || txStatus === 'invoiced' ? (inv >= 0 ? uuid(ctx.seed, T.INVOICE, inv) : null) : null,
    lago_credit_note_id: null,
    lago_voided_invoice_id: null,
    status,
    source: k === 0 && r.chance(0.3) ? 'threshold' : 'manual',
    transaction_status: txStatus,
    transaction_type: inbound ? 'inbound' : 'outbound',
    amount: `${credits}.0`,
    credit_amount: `${credits}.0`,
    invoice_requires_successful_payment: false,
    metadata: r.chance(0.2) ? [{ key: 'source', value: 'backoffice' }] : [],
    remaining_amount_cents: inbound && status === 'settled' ? credits * 100 : null,
    remaining_credit_amount: inbound && status === 'settled' ? `${credits}.0` : null,
    priority: 50,
    settled_at: status === 'settled' ? isoSec(t + 60_000) : null,
    failed_at: status === 'failed' ? isoSec(t + 60_000) : null,
    created_at: isoSec(t),
    name: r.chance(0.3) ? 'Top-up' : null,
    applied_invoice_custom_sections: [],
    payment_method: { payment_method_type: inbound ? 'provider' : 'manual', payment_method_id: uuid(ctx.seed, T.PAYMENT_METHOD, walletCustomer(ctx, w)) },
    purchase_order_number: null,
  };
}

// ---- applied coupons, payment requests, payments -----------------------------------------------

/** The oldest finalized subscription invoice of customer c issued after t (a bounded look), or -1. */
function invoiceOfCustomerAfter(ctx: Ctx, c: number, t: number): number {
  const nI = ctx.counts.invoices;
  for (let j = firstIndexAtOrBefore(t, nI) - 1, seen = 0; j >= 0 && seen < 64; j--, seen++) {
    const f = invoiceFacts(ctx, j);
    if (f.customer === c && f.type === 'subscription' && f.status === 'finalized') return j;
  }
  return -1;
}

export function genAppliedCoupon(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.AC, i);
  const t = Math.floor(slotTime(i, ctx.counts.applied_coupons, unit(hash(ctx.seed, i, T.AC, 1))) / 1000) * 1000;
  const c = pickOlder(ctx.counts.customers, t, hash(ctx.seed, i, T.AC, 2));
  const ci = ctx.counts.coupons > 0 ? hash(ctx.seed, i, T.AC, 3) % ctx.counts.coupons : 0;
  const d = couponDef(ci);
  const terminated = r.chance(0.3);
  const couponId = uuid(ctx.seed, T.COUPON, ci);
  // V1::CreditSerializer: the coupon's credit on an invoice of this customer, if one was issued since
  const inv = invoiceOfCustomerAfter(ctx, c, t);
  const f = inv >= 0 ? invoiceFacts(ctx, inv) : undefined;
  const credit = f === undefined ? 0 : d.type === 'fixed_amount' ? Math.min(d.amount ?? 0, f.fees) : Math.round((f.fees * Number(d.rate)) / 100);
  const credits = f === undefined
    ? []
    : [{
        lago_id: uuid(ctx.seed, T.AC, i, 9),
        amount_cents: credit,
        amount_currency: f.currency,
        before_taxes: true,
        item: { lago_item_id: couponId, type: 'coupon', code: d.code, name: d.name, description: couponDescription(d, ci) },
        invoice: { lago_id: uuid(ctx.seed, T.INVOICE, inv), payment_status: f.paymentStatus },
      }];
  const couponTerminated = couponTerminatedAt(ctx, ci) !== null;
  return {
    lago_id: uuid(ctx.seed, T.AC, i),
    lago_coupon_id: couponId,
    coupon_code: d.code,
    coupon_name: d.name,
    coupon_description: couponDescription(d, ci),
    coupon_status: couponTerminated ? 'terminated' : 'active',
    coupon_deleted_at: null,
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, c),
    external_customer_id: customerExternalId(ctx, c),
    status: terminated ? 'terminated' : 'active',
    amount_cents: d.amount,
    // AppliedCouponSerializer#amount_cents_remaining: fixed-amount, once coupons only, minus the credits
    amount_cents_remaining: d.type === 'fixed_amount' && d.frequency === 'once' ? Math.max(0, (d.amount ?? 0) - credit) : null,
    amount_currency: d.type === 'fixed_amount' ? 'USD' : null,
    percentage_rate: d.rate,
    frequency: d.frequency,
    frequency_duration: d.duration,
    frequency_duration_remaining: d.duration === null ? null : terminated ? 0 : r.int(1, d.duration),
    expiration_at: d.expires ? isoSec(END_MS + 60 * DAY - 1000) : null,
    created_at: isoSec(t),
    terminated_at: terminated ? isoSec(Math.min(END_MS, t + 40 * DAY)) : null,
    credits,
  };
}

export function genPaymentRequest(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.PR, i);
  const t = Math.floor(slotTime(i, ctx.counts.payment_requests, unit(hash(ctx.seed, i, T.PR, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  const f = invoiceFacts(ctx, inv);
  const customer = embeddedCustomer(ctx, f.customer);
  return {
    lago_id: uuid(ctx.seed, T.PR, i),
    email: (customer.email as string | null) ?? 'billing@acme.test',
    amount_cents: f.total,
    amount_currency: f.currency,
    payment_status: r.pick(['pending', 'succeeded', 'failed'] as const),
    created_at: isoSec(t),
    customer,
    invoices: nI > 0 ? [invoiceBase(ctx, inv)] : [],
  };
}

export function genPayment(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.PAYMENT, i);
  const t = Math.floor(slotTime(i, ctx.counts.payments, unit(hash(ctx.seed, i, T.PAYMENT, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  const f = invoiceFacts(ctx, inv);
  const manual = r.chance(0.2);
  const provider = r.pick(['stripe', 'stripe', 'adyen', 'gocardless'] as const);
  const status = r.pick(['succeeded', 'succeeded', 'succeeded', 'pending', 'failed', 'processing'] as const);
  return {
    lago_id: uuid(ctx.seed, T.PAYMENT, i),
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, f.customer),
    external_customer_id: customerExternalId(ctx, f.customer),
    invoice_ids: [uuid(ctx.seed, T.INVOICE, inv)],
    invoice_numbers: [invoiceNumber(ctx, inv)],
    lago_payable_id: uuid(ctx.seed, T.INVOICE, inv),
    payable_type: 'Invoice',
    amount_cents: f.total,
    amount_currency: f.currency,
    status: manual ? 'succeeded' : status === 'succeeded' ? 'Completed' : status,
    payment_status: manual ? 'succeeded' : status,
    type: manual ? 'manual' : 'provider',
    reference: manual ? `wire-${pad(r.int(0, 999999), 6)}` : '',
    payment_provider_code: manual ? '' : `${provider}_prod`,
    payment_provider_type: provider,
    external_payment_id: manual ? null : null,
    provider_payment_id: manual ? null : `pi_${token(ctx.seed, T.PAYMENT, i)}`,
    provider_customer_id: manual ? '' : `cus_${token(ctx.seed, T.CUSTOMER, f.customer)}`,
    payment_method_id: manual ? null : uuid(ctx.seed, T.PAYMENT_METHOD, f.customer),
    next_action: {},
    created_at: isoSec(t),
  };
}

// ---- usage (computed per request, not stored) ---------------------------------------------------

function chargesUsage(ctx: Ctx, subIndex: number, salt: number, currency: string): { items: LagoRecord[]; amount: number } {
  const plan = subPlan(ctx, subIndex);
  const items: LagoRecord[] = [];
  let amount = 0;
  for (const c of planCharges(ctx, plan)) {
    const m = metricDef(c.metric);
    const h = hash(ctx.seed, subIndex, T.USAGE, salt * 64 + c.k);
    const units = h % 5000;
    const a = c.model === 'package' ? Math.ceil(units / 1000) * 1000 : units * 5;
    amount += a;
    items.push({
      units: `${units}.0`,
      total_aggregated_units: `${units}.0`,
      events_count: units === 0 ? 0 : 1 + (h % Math.max(1, units)),
      amount_cents: a,
      amount_currency: currency,
      pricing_unit_details: null,
      charge: { lago_id: uuid(ctx.seed, T.CHARGE, plan * 64 + c.k), charge_model: c.model, invoice_display_name: c.k === 0 ? null : m.name },
      billable_metric: { lago_id: uuid(ctx.seed, T.METRIC, c.metric), name: m.name, code: m.code, aggregation_type: m.agg },
      filters: [],
      grouped_usage: [],
      presentation_breakdowns: [],
    });
  }
  return { items, amount };
}

function usageObject(ctx: Ctx, subIndex: number, from: number, to: number, salt: number, invoiceId: string | null): LagoRecord {
  const currency = planCurrency(subPlan(ctx, subIndex));
  const { items, amount } = chargesUsage(ctx, subIndex, salt, currency);
  const taxIndex = taxForPlace(ctx, customerPlace(ctx, subCustomer(ctx, subIndex)));
  const taxes = taxIndex >= 0 ? Math.round((amount * taxDef(taxIndex).rate) / 100) : 0;
  return {
    from_datetime: isoSec(from),
    to_datetime: isoSec(to),
    issuing_date: isoDate(to + 1000),
    lago_invoice_id: invoiceId,
    currency,
    amount_cents: amount,
    taxes_amount_cents: taxes,
    total_amount_cents: amount + taxes,
    charges_usage: items,
  };
}

/** Current usage of a generated subscription (the caller checks it is active). */
export function currentUsage(ctx: Ctx, subIndex: number, sub: LagoRecord): LagoRecord {
  const [pStart, pEnd] = periodBounds(planDef(subPlan(ctx, subIndex)).interval, END_MS);
  const from = typeof sub.current_billing_period_started_at === 'string' ? Date.parse(sub.current_billing_period_started_at) : pStart;
  const to = typeof sub.current_billing_period_ending_at === 'string' ? Date.parse(sub.current_billing_period_ending_at) : pEnd;
  return usageObject(ctx, subIndex, from, to, 0, null);
}

/** Past (invoiced) usage periods of a generated subscription, newest first. */
export function pastUsage(ctx: Ctx, subIndex: number, sub: LagoRecord): LagoRecord[] {
  // an incomplete subscription is gated: no usage of it has been invoiced yet
  if (typeof sub.started_at !== 'string' || sub.status === 'incomplete') return [];
  const interval = planDef(subPlan(ctx, subIndex)).interval;
  const months = interval === 'yearly' ? 12 : interval === 'quarterly' ? 3 : interval === 'semiannual' ? 6 : 1;
  const started = Date.parse(sub.started_at);
  const stop = typeof sub.terminated_at === 'string' ? Date.parse(sub.terminated_at) : END_MS;
  let [pStart] = periodBounds(interval, stop);
  if (typeof sub.terminated_at === 'string') pStart = addMonths(pStart, months); // the terminated period is invoiced too
  const out: LagoRecord[] = [];
  for (let k = 1; k <= 24; k++) {
    const from = addMonths(pStart, -months * k);
    const to = addMonths(pStart, -months * (k - 1)) - 1000;
    if (to < started) break;
    out.push(usageObject(ctx, subIndex, Math.max(from, started), to, k, uuid(ctx.seed, T.SUB_FEE, subIndex, k)));
  }
  return out;
}

// ---- dataset ------------------------------------------------------------------------------------

type Gen = (ctx: Ctx, i: number) => LagoRecord;
export const GENERATORS: Record<ResourceName, Gen> = {
  customers: genCustomer,
  subscriptions: genSubscription,
  invoices: genInvoice,
  billable_metrics: genBillableMetric,
  plans: genPlan,
  events: genEvent,
  coupons: genCoupon,
  add_ons: genAddOn,
  fees: genFee,
  credit_notes: genCreditNote,
  wallets: genWallet,
  wallet_transactions: genWalletTransaction,
  applied_coupons: genAppliedCoupon,
  taxes: genTax,
  payment_requests: genPaymentRequest,
  payments: genPayment,
  billing_entities: genBillingEntity,
  webhook_endpoints: genWebhookEndpoint,
};

/** number of rows generated for a resource (wallet_transactions is per wallet) */
export function rowCount(counts: ResourceCounts, name: ResourceName): number {
  return name === 'wallet_transactions' ? counts.wallets * counts.wallet_transactions : counts[name];
}

export function createDataset(ctx: Ctx): FakeDataset {
  const out: Partial<Record<ResourceName, LagoRecord[]>> = {};
  for (const name of Object.keys(GENERATORS) as ResourceName[]) {
    const gen = GENERATORS[name];
    const n = rowCount(ctx.counts, name);
    if (n > LAZY_THRESHOLD) out[name] = createVirtualArray(n, (i) => gen(ctx, i));
    else {
      const arr: LagoRecord[] = new Array(n);
      for (let i = 0; i < n; i++) arr[i] = gen(ctx, i);
      out[name] = arr;
    }
  }
  return out as FakeDataset;
}
