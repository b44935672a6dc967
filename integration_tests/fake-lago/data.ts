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

/** billing entities whose country's tax is tax i (BillingEntity::AppliedTax rows), ascending; 0 is the default entity */
function taxEntities(ctx: Ctx, i: number): number[] {
  const out: number[] = [];
  for (let e = 0; e < ctx.counts.billing_entities; e++) if (taxForPlace(ctx, PLACES[entityDef(e).place] as Place) === i) out.push(e);
  return out;
}

/** V1::TaxSerializer (app/serializers/v1/tax_serializer.rb), as customers embed it: the *_count keys are constant 0 */
export function genTax(ctx: Ctx, i: number): LagoRecord {
  const d = taxDef(i);
  return {
    lago_id: uuid(ctx.seed, T.TAX, i),
    name: d.name,
    code: d.code,
    rate: d.rate,
    description: d.description,
    // the column, kept in step with the default billing entity's taxes (tax_with_billing_entities_serializer.rb)
    applied_to_organization: taxEntities(ctx, i).includes(0),
    add_ons_count: 0,
    customers_count: 0,
    plans_count: 0,
    charges_count: 0,
    commitments_count: 0,
    created_at: isoSec(catalogTime(i, ctx.counts.taxes, T.TAX, ctx.seed)),
  };
}

/** the taxes list: V1::TaxWithBillingEntitiesSerializer (v1.51.0) adds the applied entities' codes, sorted */
function genListedTax(ctx: Ctx, i: number): LagoRecord {
  const codes = taxEntities(ctx, i).map((e) => entityDef(e).code).sort();
  return { ...genTax(ctx, i), applied_to_billing_entities_codes: codes };
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

/** V1::BillingEntitySerializer (app/serializers/v1/billing_entity_serializer.rb), in its key order */
export function genBillingEntity(ctx: Ctx, i: number): LagoRecord {
  const d = entityDef(i);
  const place = PLACES[d.place] as Place;
  // listed created_at ASC and the oldest active entity is the default (app/models/organization.rb): oldest first
  const t = catalogTime(ctx.counts.billing_entities - 1 - i, ctx.counts.billing_entities, T.BE, ctx.seed);
  return {
    lago_id: uuid(ctx.seed, T.BE, i),
    code: d.code,
    name: d.name,
    default_currency: d.currency,
    created_at: isoSec(t),
    updated_at: isoSec(t + 3 * DAY),
    country: place.country,
    address_line1: place.street,
    address_line2: i === 0 ? 'Suite 100' : null,
    phone: i % 2 === 0 ? place.phone : null,
    city: place.city,
    state: place.state,
    zipcode: place.zip,
    // e-invoicing can only be enabled in BillingEntity::EINVOICING_COUNTRIES (FR, DE)
    einvoicing: place.country === 'FR' || place.country === 'DE',
    email: i === 2 ? null : `billing+${d.code}@acme.test`,
    legal_name: d.name,
    legal_number: i === 0 ? 'US123456789' : null,
    timezone: place.timezone,
    net_payment_term: i === 0 ? 0 : 30,
    email_settings: i === 0 ? ['invoice.finalized', 'credit_note.created', 'payment_receipt.created'] : [],
    document_numbering: i === 0 ? 'per_customer' : 'per_billing_entity',
    document_number_prefix: `${d.code.replace(/_/g, '').slice(0, 3).toUpperCase()}-${pad(i + 1, 3)}`,
    tax_identification_number: place.country === 'US' ? null : `${place.country}${pad(hash(ctx.seed, i, T.BE, 2) % 1e9, 9)}`,
    finalize_zero_amount_invoice: i !== 1,
    invoice_footer: i === 0 ? 'Thank you for your business' : null,
    invoice_grace_period: i === 0 ? 0 : 3,
    subscription_invoice_issuing_date_adjustment: i === 0 ? 'align_with_finalization_date' : 'keep_anchor',
    subscription_invoice_issuing_date_anchor: i === 0 ? 'next_period_start' : 'current_period_end',
    document_locale: place.locale,
    is_default: i === 0,
    eu_tax_management: place.currency === 'EUR',
    logo_url: i === 0 ? 'https://assets.acme.test/logo.png' : null,
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

/** V1::WebhookEndpointSerializer: event_types NULL means every event type (app/models/webhook_endpoint.rb) */
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

/** billing_configuration as V1::CustomerSerializer#billing_configuration builds it: provider keys only with a provider. */
function billingConfiguration(ctx: Ctx, i: number, r: Rng, place: Place): LagoRecord {
  const u = r.next();
  // one customer in four has no payment provider (payment_provider and its code are nullable columns)
  const provider = u < 0.25 ? null : place.currency === 'EUR' && u < 0.45 ? 'gocardless' : u < 0.52 ? 'adyen' : 'stripe';
  const out: LagoRecord = {
    invoice_grace_period: r.chance(0.3) ? null : r.pick([0, 0, 3]),
    payment_provider: provider,
    payment_provider_code: provider ? `${provider}-${place.currency.toLowerCase()}` : null,
    document_locale: r.chance(0.2) ? null : place.locale,
    subscription_invoice_issuing_date_anchor: r.chance(0.7) ? null : 'next_period_start',
    subscription_invoice_issuing_date_adjustment: r.chance(0.7) ? null : 'keep_anchor',
  };
  if (!provider) return out;
  // a provider customer not yet created on the provider's side has no id
  out.provider_customer_id = r.chance(0.1) ? null : `${provider === 'stripe' ? 'cus' : provider === 'adyen' ? 'ady' : 'CU'}_${token(ctx.seed, T.CUSTOMER, i)}`;
  if (provider === 'stripe') out.provider_payment_methods = r.chance(0.7) ? ['card'] : ['card', 'sepa_debit'];
  // the provider customer's settings, merged in
  out.sync_with_provider = r.chance(0.6);
  if (provider !== 'gocardless' && r.chance(0.4)) out.payment_method_id = `pm_${token(ctx.seed, T.PAYMENT_METHOD, i)}`;
  return out;
}

/** V1::IntegrationCustomerSerializer: the base keys, then the integration customer's settings. */
function integrationCustomers(ctx: Ctx, i: number, r: Rng): LagoRecord[] {
  if (!r.chance(0.2)) return [];
  const hubspot = r.chance(0.6);
  const base = {
    lago_id: uuid(ctx.seed, T.INTEGRATION, i),
    external_customer_id: r.chance(0.1) ? null : `${r.int(1000000, 9999999)}`,
    type: hubspot ? 'hubspot' : 'netsuite',
    integration_code: hubspot ? 'hubspot-main' : 'netsuite-eu',
    code: r.chance(0.3) ? null : hubspot ? 'hubspot-main' : 'netsuite-eu',
    is_default: true,
    category: hubspot ? 'crm' : 'accounting',
    sync_with_provider: r.chance(0.7),
  };
  return [hubspot
    ? { ...base, targeted_object: r.pick(['companies', 'contacts'] as const), email: r.chance(0.5) ? null : `crm@${slugify(customerCompany(ctx, i))}.test` }
    : { ...base, subsidiary_id: `${r.int(1, 9)}` }];
}

/** The customer as V1::CustomerSerializer sends it without includes (embedded by payment requests). */
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
  const sparse = r.chance(0.25); // some customers have few optional fields filled in
  return {
    lago_id: uuid(ctx.seed, T.CUSTOMER, i),
    billing_entity_code: e.code,
    external_id: customerExternalId(ctx, i),
    account_type: r.chance(0.05) ? 'partner' : 'customer',
    name: individual ? `${first} ${last}` : company,
    firstname: individual || r.chance(0.5) ? first : null,
    lastname: individual || r.chance(0.5) ? last : null,
    customer_type: individual ? 'individual' : r.chance(0.8) ? 'company' : null,
    sequential_id: seq,
    slug: `ACM-${token(ctx.seed, T.ORG, 0).slice(0, 4).toUpperCase()}-${pad(seq, 3)}`,
    created_at: isoSec(t),
    updated_at: isoSec(updated),
    country: sparse ? null : place.country,
    address_line1: sparse ? null : place.street,
    address_line2: !sparse && r.chance(0.3) ? `Floor ${r.int(1, 12)}` : null,
    state: sparse ? null : place.state,
    zipcode: sparse ? null : place.zip,
    email: sparse && r.chance(0.3) ? null : individual ? `${first.toLowerCase()}.${last.toLowerCase()}@${domain}` : `billing@${domain}`,
    city: sparse ? null : place.city,
    url: individual || sparse ? null : `https://${domain}`,
    phone: sparse || r.chance(0.3) ? null : place.phone,
    logo_url: r.chance(0.2) ? `https://${domain}/logo.png` : null,
    legal_name: individual ? null : `${company} ${place.country === 'US' ? 'Inc.' : place.country === 'GB' ? 'Ltd' : 'SAS'}`,
    legal_number: individual || sparse ? null : `${pad(r.int(10, 99), 2)}-${pad(r.int(0, 9999999), 7)}`,
    currency: customerCurrency(ctx, i),
    tax_identification_number: !individual && place.country !== 'US' && !sparse ? `${place.country}${pad(r.int(0, 999999999), 9)}` : null,
    timezone: hasTimezone ? place.timezone : null,
    applicable_timezone: hasTimezone ? place.timezone : 'UTC',
    net_payment_term: r.chance(0.3) ? r.pick([15, 30, 45]) : null,
    external_salesforce_id: r.chance(0.1) ? `001${token(ctx.seed, T.CUSTOMER, i).slice(0, 15)}` : null,
    finalize_zero_amount_invoice: r.pick(['inherit', 'inherit', 'skip', 'finalize'] as const),
    billing_configuration: billingConfiguration(ctx, i, r, place),
    shipping_address: {
      address_line1: sparse ? null : place.street,
      address_line2: null,
      city: sparse ? null : place.city,
      zipcode: sparse ? null : place.zip,
      state: sparse ? null : place.state,
      country: sparse ? null : place.country,
    },
    skip_invoice_custom_sections: r.chance(0.05),
    metadata: r.chance(0.3)
      ? [{ lago_id: uuid(ctx.seed, T.META, i), key: 'Purchase Order', value: `PO-${pad(r.int(0, 999999), 6)}`, display_in_invoice: r.chance(0.8), created_at: isoSec(t) }]
      : [],
  };
}

/** The customer with `includes: [:integration_customers]`, as invoices and credit notes embed it. */
function embeddedCustomer(ctx: Ctx, i: number): LagoRecord {
  const c = customerBase(ctx, i);
  c.integration_customers = integrationCustomers(ctx, i, new Rng(ctx.seed, T.INTEGRATION, i));
  return c;
}

/** V1::TaxSerializer, as customers (includes: taxes) embed it: the *_count keys are constant 0. */
function serializedTax(ctx: Ctx, t: number): LagoRecord {
  const tax = genTax(ctx, t);
  return {
    lago_id: tax.lago_id,
    name: tax.name,
    code: tax.code,
    rate: tax.rate,
    description: tax.description,
    applied_to_organization: tax.applied_to_organization,
    add_ons_count: 0,
    customers_count: 0,
    plans_count: 0,
    charges_count: 0,
    commitments_count: 0,
    created_at: tax.created_at,
  };
}

/** The customers list: includes taxes and integration_customers (customers_controller.rb#index). */
export function genCustomer(ctx: Ctx, i: number): LagoRecord {
  const c = embeddedCustomer(ctx, i);
  const tax = taxForPlace(ctx, customerPlace(ctx, i));
  c.taxes = tax >= 0 && hash(ctx.seed, i, T.CUSTOMER, 9) % 3 === 0 ? [serializedTax(ctx, tax)] : [];
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
/**
 * A legacy event, stored without external_subscription_id: before v1.7.0 an event could name its customer only, and
 * post-processing back-filled the subscription only when the customer had at most one active one
 * (v1.6.0:app/services/events/post_process_service.rb); since then nothing requires it
 * (HEAD app/services/events/create_service.rb, app/models/event.rb validates transaction_id and code only).
 */
function isLegacyEvent(h: number): boolean {
  return (h >>> 24) % 97 === 0;
}
/** external_subscription_id and code of generated event i, without building it */
export function eventKeys(ctx: Ctx, i: number): { externalSubscriptionId: string | null; code: string } {
  const sub = eventSub(ctx, i);
  const externalSubscriptionId = isLegacyEvent(hash(ctx.seed, i, T.EVENT, 2)) ? null : subExternalId(ctx, sub);
  return { externalSubscriptionId, code: metricDef(eventMetric(ctx, i, sub)).code };
}

/** An event of the Postgres store (app/serializers/v1/event_serializer.rb, HEAD 1b1c24a6). */
export function genEvent(ctx: Ctx, i: number): LagoRecord {
  const t = eventTime(ctx, i);
  const h = hash(ctx.seed, i, T.EVENT, 2);
  const sub = eventSub(ctx, i);
  const metric = eventMetric(ctx, i, sub);
  const m = metricDef(metric);
  const props: LagoRecord = {};
  if (m.field) props[m.field] = m.agg === 'unique_count_agg' ? `user_${(h >>> 4) % 50}` : String(((h >>> 12) % 10000) / 100);
  for (const f of m.filters) props[f.key] = f.values[(h >>> 20) % f.values.length];
  if (m.agg === 'unique_count_agg') props.operation_type = 'add';
  return {
    lago_id: uuid(ctx.seed, T.EVENT, i),
    transaction_id: `txn_${token(ctx.seed, T.EVENT, i)}_${i.toString(36)}`,
    // customer_id / subscription_id are not written since v0.52.0-beta (post_process_service.rb, 136f23388)
    lago_customer_id: null,
    code: m.code,
    timestamp: isoMs(t),
    precise_total_amount_cents: m.agg === 'sum_agg' && (h >>> 16) % 7 === 0 ? (((h >>> 3) % 100000) / 100).toFixed(2) : null,
    properties: props,
    lago_subscription_id: null,
    external_subscription_id: isLegacyEvent(h) ? null : subExternalId(ctx, sub),
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
  type: 'subscription' | 'add_on' | 'one_off' | 'credit' | 'progressive_billing' | 'advance_charges';
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
  const type = u < 0.85 ? 'subscription' : u < 0.9 ? 'one_off' : u < 0.94 ? 'add_on' : u < 0.97 ? 'credit' : u < 0.99 ? 'progressive_billing' : 'advance_charges';
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

/** Drafts (and failed or pending invoices, never finalized) carry 'PREFIX-DRAFT' (Invoice#ensure_number, lago-api). */
function invoiceNumber(ctx: Ctx, i: number): string {
  const prefix = `ACM-${token(ctx.seed, T.ORG, 0).slice(0, 4).toUpperCase()}`;
  return wasFinalized(invoiceFacts(ctx, i).status) ? `${prefix}-${pad(ctx.counts.invoices - i, 4)}` : `${prefix}-DRAFT`;
}
function wasFinalized(status: InvoiceFacts['status']): boolean {
  return status === 'finalized' || status === 'voided';
}

/** The invoice as V1::InvoiceSerializer sends it without includes (embedded by payment requests). */
function invoiceBase(ctx: Ctx, i: number): LagoRecord {
  const f = invoiceFacts(ctx, i);
  const r = new Rng(ctx.seed, T.INVOICE, i);
  const id = uuid(ctx.seed, T.INVOICE, i);
  const net = r.pick([0, 15, 30, 30]);
  const due = startOfDay(f.t) + net * DAY;
  const finalized = wasFinalized(f.status);
  const paid = f.paymentStatus === 'succeeded' ? f.total : f.status === 'finalized' && r.chance(0.1) ? Math.floor(f.total / 2) : 0;
  const offset = f.status === 'finalized' && paid < f.total && r.chance(0.1) ? Math.min(1000, f.total - paid) : 0;
  const out: LagoRecord = {
    lago_id: id,
    billing_entity_code: entityDef(customerEntity(ctx, f.customer)).code,
    // Sequenced assigns it on finalization only
    sequential_id: finalized ? ctx.counts.invoices - i : null,
    number: invoiceNumber(ctx, i),
    purchase_order_number: r.chance(0.2) ? `PO-${pad(r.int(0, 99999), 5)}` : null,
    issuing_date: isoDate(f.t),
    payment_due_date: isoDate(due),
    net_payment_term: net,
    invoice_type: f.type,
    status: f.status,
    payment_status: f.paymentStatus,
    // a raw TimeWithZone: milliseconds
    payment_dispute_lost_at: f.paymentStatus === 'failed' && r.chance(0.3) ? isoMs(f.t + 20 * DAY) : null,
    payment_overdue: f.status === 'finalized' && f.paymentStatus !== 'succeeded' && due < END_MS,
    currency: f.currency,
    fees_amount_cents: f.fees,
    taxes_amount_cents: f.taxes,
    progressive_billing_credit_amount_cents: 0,
    coupons_amount_cents: f.coupons,
    credit_notes_amount_cents: f.creditNotes,
    sub_total_excluding_taxes_amount_cents: f.fees - f.coupons,
    sub_total_including_taxes_amount_cents: f.fees - f.coupons + f.taxes,
    total_amount_cents: f.total,
    // Invoice#total_due_amount_cents: 0 once voided
    total_due_amount_cents: f.status === 'voided' ? 0 : f.total - paid - offset,
    total_paid_amount_cents: paid,
    total_offsetted_credit_note_amount_cents: offset,
    prepaid_credit_amount_cents: f.prepaid,
    prepaid_granted_credit_amount_cents: f.prepaid > 0 ? f.prepaid : r.chance(0.5) ? 0 : null,
    prepaid_purchased_credit_amount_cents: f.prepaid > 0 ? 0 : r.chance(0.5) ? 0 : null,
    // documents exist only once finalized, and not always yet (generated by a job); XML only with e-invoicing
    file_url: finalized && r.chance(0.9) ? `https://api.lago.test/rails/active_storage/blobs/redirect/${token(ctx.seed, T.INVOICE, i)}/invoice.pdf` : null,
    xml_url: finalized && r.chance(0.2) ? `https://api.lago.test/rails/active_storage/blobs/redirect/${token(ctx.seed, T.INVOICE, i + 1)}/invoice.xml` : null,
    web_url: `https://app.lago.test/acme/customer/${uuid(ctx.seed, T.CUSTOMER, f.customer)}/invoice/${id}/overview`,
    version_number: 4,
    self_billed: false,
    created_at: isoSec(f.t),
    updated_at: isoSec(Math.min(END_MS, f.t + r.int(0, 10) * DAY)),
    voided_at: f.status === 'voided' ? isoSec(Math.min(END_MS, f.t + r.int(1, 20) * DAY)) : null,
  };
  if (f.type === 'progressive_billing') out.applied_usage_thresholds = [appliedUsageThreshold(ctx, i, f)];
  return out;
}

/** V1::AppliedUsageThresholdSerializer: the threshold the progressive billing invoice was issued for. */
function appliedUsageThreshold(ctx: Ctx, i: number, f: InvoiceFacts): LagoRecord {
  const planTime = isoSec(catalogTime(subPlan(ctx, f.sub), ctx.counts.plans, T.PLAN, ctx.seed));
  return {
    lifetime_usage_amount_cents: f.fees,
    created_at: isoSec(f.t),
    usage_threshold: {
      lago_id: uuid(ctx.seed, T.PLAN, subPlan(ctx, f.sub), 77),
      threshold_display_name: hash(ctx.seed, i, T.INVOICE, 6) % 2 === 0 ? 'Usage threshold' : null,
      amount_cents: f.fees,
      recurring: false,
      created_at: planTime,
      updated_at: planTime,
    },
  };
}

/** The invoices list: includes customer (with integration_customers), metadata and applied_taxes (invoice_index.rb). */
export function genInvoice(ctx: Ctx, i: number): LagoRecord {
  const f = invoiceFacts(ctx, i);
  const out = invoiceBase(ctx, i);
  out.customer = embeddedCustomer(ctx, f.customer);
  const r = new Rng(ctx.seed, T.INVOICE, i + 0x10000000);
  out.metadata = r.chance(0.2) ? [{ lago_id: uuid(ctx.seed, T.META, i, 3), key: 'digital_ref_id', value: `INV-${pad(r.int(0, 9999999), 7)}`, created_at: out.created_at }] : [];
  out.applied_taxes = f.taxIndex >= 0 && f.taxRate > 0
    ? [{ ...appliedTax(ctx, T.INVOICE, i, f.taxIndex, f.taxes, f.currency, out.created_at as string), lago_invoice_id: out.lago_id, fees_amount_cents: f.fees - f.coupons }]
    : [];
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

/** a BigDecimal as Rails renders it (ActiveSupport's BigDecimal#to_s, 'F' format): 5000 → "5000.0", 0.05 → "0.05" */
const decimal = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

/**
 * One fee as V1::FeeSerializer sends it without includes (app/serializers/v1/fee_serializer.rb, HEAD): also the
 * shape of credit note items' `fee`. The fee type follows the invoice (credit invoices bill credit fees, one-off and
 * add-on invoices add-on fees). Fees without a subscription (add-on, credit) have null customer ids: `customer` goes
 * through the subscription (app/models/fee.rb).
 */
function buildFee(ctx: Ctx, tag: number, i: number, t: number, invoice: number, salt: number): LagoRecord {
  const r = new Rng(ctx.seed, tag, i * 8 + salt);
  const f = invoiceFacts(ctx, invoice);
  const plan = subPlan(ctx, f.sub);
  const pd = planDef(plan);
  const charges = planCharges(ctx, plan);
  const kind = f.type === 'credit' ? 'credit'
    : f.type === 'one_off' || f.type === 'add_on' ? 'add_on'
    : charges.length > 0 && r.chance(0.6) ? 'charge' : 'subscription';
  // pay-in-advance charge fees exist before any invoice, one per event (app/services/fees/create_pay_in_advance_service.rb)
  const inAdvance = kind === 'charge' && r.chance(0.1);
  const currency = f.currency;
  const id = uuid(ctx.seed, tag, i, salt);
  let amount: number;
  let units: number;
  let unitAmount: number;
  let item: LagoRecord;
  let chargeId: string | null = null;
  let events: number | null = null;
  let amountDetails: LagoRecord = {};
  if (kind === 'charge') {
    const c = r.pick(charges);
    const m = metricDef(c.metric);
    units = inAdvance ? r.int(1, 20) : r.int(0, 5000);
    unitAmount = 0.05;
    amount = Math.round(units * 5);
    events = inAdvance ? 1 : r.int(units === 0 ? 0 : 1, Math.max(1, units));
    chargeId = uuid(ctx.seed, T.CHARGE, plan * 64 + c.k);
    item = { type: 'charge', code: m.code, name: m.name, description: m.description, invoice_display_name: m.name, filters: null, filter_invoice_display_name: null, lago_item_id: uuid(ctx.seed, T.METRIC, c.metric), item_type: 'BillableMetric', grouped_by: {} };
    // the charge model's details (app/services/charge_models/*): package has its own, standard none (base_service.rb)
    if (c.model === 'package') amountDetails = { free_units: '100.0', paid_units: decimal(Math.max(0, units - 100)), per_package_size: 1000, per_package_unit_amount: '10.0' };
  } else if (kind === 'subscription') {
    units = 1;
    amount = pd.amount;
    unitAmount = amount / 100;
    item = { type: 'subscription', code: pd.code, name: pd.name, description: plan % 2 === 0 ? `${pd.name} plan, billed ${pd.interval}` : '', invoice_display_name: `${pd.name} plan`, filters: null, filter_invoice_display_name: null, lago_item_id: uuid(ctx.seed, T.SUB, f.sub), item_type: 'Subscription', grouped_by: {} };
    amountDetails = { plan_amount_cents: pd.amount }; // app/services/fees/subscription_service.rb
  } else if (kind === 'add_on') {
    const a = ctx.counts.add_ons > 0 ? r.int(0, ctx.counts.add_ons - 1) : 0;
    const ad = ADD_ONS[a % ADD_ONS.length] as (typeof ADD_ONS)[number];
    units = r.int(1, 3);
    amount = ad.amount * units;
    unitAmount = ad.amount / 100;
    const name = a < ADD_ONS.length ? ad.name : `${ad.name} ${a}`;
    item = { type: 'add_on', code: a < ADD_ONS.length ? ad.code : `${ad.code}_${a}`, name, description: ad.description, invoice_display_name: a % 2 === 0 ? ad.name : name, filters: null, filter_invoice_display_name: null, lago_item_id: uuid(ctx.seed, T.ADDON, a), item_type: 'AddOn', grouped_by: {} };
  } else {
    // credit fees bill a wallet top-up: item code and description are the fee type (app/models/fee.rb#item_code)
    units = f.fees / 100;
    amount = f.fees;
    unitAmount = 1;
    item = { type: 'credit', code: 'credit', name: 'credit', description: 'credit', invoice_display_name: 'credit', filters: null, filter_invoice_display_name: null, lago_item_id: uuid(ctx.seed, T.WTX, invoice, 0x51), item_type: 'WalletTransaction', grouped_by: {} };
  }
  const taxes = Math.round((amount * f.taxRate) / 100);
  const paid = inAdvance ? (r.chance(0.7) ? 'succeeded' : 'pending') : f.paymentStatus;
  const [pStart, pEnd] = periodBounds(pd.interval, f.t - DAY);
  const withSubscription = kind === 'charge' || kind === 'subscription';
  const out: LagoRecord = {
    lago_id: id,
    lago_charge_id: chargeId,
    lago_charge_filter_id: null,
    lago_fixed_charge_id: null,
    lago_invoice_id: inAdvance ? null : uuid(ctx.seed, T.INVOICE, invoice),
    lago_true_up_fee_id: null,
    lago_true_up_parent_fee_id: null,
    // a regenerated invoice's fee points at the root fee of its void/regenerate chain
    lago_original_fee_id: tag === T.FEE && i > 0 && !inAdvance && r.chance(0.05) ? uuid(ctx.seed, T.FEE, r.int(0, i - 1), 0) : null,
    lago_subscription_id: withSubscription ? uuid(ctx.seed, T.SUB, f.sub) : null,
    external_subscription_id: withSubscription ? subExternalId(ctx, f.sub) : null,
    lago_customer_id: withSubscription ? uuid(ctx.seed, T.CUSTOMER, f.customer) : null,
    external_customer_id: withSubscription ? customerExternalId(ctx, f.customer) : null,
    item,
    pay_in_advance: kind === 'charge' ? inAdvance : kind === 'subscription' && pd.payInAdvance,
    invoiceable: true,
    amount_cents: amount,
    amount_currency: currency,
    precise_amount: decimal(amount / 100),
    precise_total_amount: decimal((amount + taxes) / 100),
    taxes_amount_cents: taxes,
    taxes_precise_amount: decimal(taxes / 100),
    taxes_rate: f.taxRate,
    // numeric and nullable: set for charge fees only (app/models/fee.rb validates it on charges)
    total_aggregated_units: kind === 'charge' ? decimal(units) : null,
    total_amount_cents: amount + taxes,
    total_amount_currency: currency,
    units: decimal(units),
    description: kind === 'add_on' && r.chance(0.5) ? 'One-off add-on' : null,
    precise_unit_amount: decimal(unitAmount),
    precise_coupons_amount_cents: '0.0',
    sub_total_excluding_taxes_amount_cents: amount,
    sub_total_excluding_taxes_precise_amount_cents: decimal(amount),
    events_count: events,
    payment_status: paid,
    created_at: isoSec(t),
    succeeded_at: paid === 'succeeded' ? isoSec(t + 2 * DAY) : null,
    failed_at: paid === 'failed' ? isoSec(t + 2 * DAY) : null,
    refunded_at: null,
    amount_details: amountDetails,
    self_billed: false,
    pricing_unit_details: null,
    presentation_breakdowns: [],
  };
  // Fee#date_boundaries (charge, subscription, add-on fees here) and the pay-in-advance event (fee_serializer.rb)
  if (kind === 'add_on') Object.assign(out, { from_date: isoSec(f.t), to_date: isoSec(f.t) });
  else if (kind !== 'credit') Object.assign(out, { from_date: isoSec(pStart), to_date: isoSec(pEnd) });
  if (inAdvance) out.event_transaction_id = `txn_${token(ctx.seed, tag, i)}`;
  return out;
}

/** the fees list: V1::FeeSerializer with includes applied_taxes (app/controllers/api/v1/fees_controller.rb#index) */
export function genFee(ctx: Ctx, i: number): LagoRecord {
  const t = feeTime(ctx, i);
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + (hash(ctx.seed, i, T.FEE, 2) % 2)) : 0;
  const fee = buildFee(ctx, T.FEE, i, t, inv, 0);
  const f = invoiceFacts(ctx, inv);
  const taxes = fee.taxes_amount_cents as number;
  fee.applied_taxes = f.taxIndex >= 0 && f.taxRate > 0
    ? [{ lago_fee_id: fee.lago_id, ...appliedTax(ctx, T.FEE, i * 8, f.taxIndex, taxes, f.currency, fee.created_at as string) }]
    : [];
  return fee;
}

// ---- credit notes -------------------------------------------------------------------------------

/** The credit notes list: finalized notes on finalized invoices, includes items, applied_taxes, error_details, customer. */
export function genCreditNote(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.CN, i);
  const t = Math.floor(slotTime(i, ctx.counts.credit_notes, unit(hash(ctx.seed, i, T.CN, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  let inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  // a finalized note credits a finalized invoice: step to an older one (a few steps at most)
  for (let k = 0; k < 8 && inv + 1 < nI && invoiceFacts(ctx, inv).status !== 'finalized'; k++) inv++;
  const f = invoiceFacts(ctx, inv);
  const invoice = invoiceBase(ctx, inv);
  const fee = buildFee(ctx, T.CN_ITEM, i, Math.min(t, f.t + 3600_000), inv, 1);
  // V1::CreditNoteItemSerializer serializes the fee without includes
  delete fee.applied_taxes;
  const sub = Math.min(fee.amount_cents as number, Math.max(100, Math.round((f.fees - f.coupons) / 2)));
  // precise taxes to 1/100 of a cent (numeric(30,5) in lago-api), counted in those hundredths to stay exact
  const taxHundredths = Math.round(sub * f.taxRate);
  const taxes = Math.round(taxHundredths / 100);
  const total = sub + taxes;
  const refund = r.chance(0.3);
  const id = uuid(ctx.seed, T.CN, i);
  const credit = refund ? 0 : total;
  const status = refund ? null : r.pick(['available', 'available', 'consumed', 'voided'] as const);
  const seq = ctx.counts.credit_notes - i;
  const out: LagoRecord = {
    lago_id: id,
    billing_entity_code: entityDef(customerEntity(ctx, f.customer)).code,
    sequential_id: seq,
    number: `${invoice.number as string}-CN${seq}`,
    lago_invoice_id: invoice.lago_id,
    invoice_number: invoice.number,
    // CreditNote delegates it to the invoice
    purchase_order_number: invoice.purchase_order_number,
    issuing_date: isoDate(t),
    credit_status: status,
    refund_status: refund ? r.pick(['pending', 'succeeded', 'failed'] as const) : null,
    reason: r.pick(['duplicated_charge', 'product_unsatisfactory', 'order_change', 'order_cancellation', 'fraudulent_charge', 'other'] as const),
    description: r.chance(0.5) ? 'Goodwill gesture' : null,
    currency: f.currency,
    total_amount_cents: total,
    precise_total_amount_cents: decimal((sub * 100 + taxHundredths) / 100),
    taxes_amount_cents: taxes,
    precise_taxes_amount_cents: decimal(taxHundredths / 100),
    sub_total_excluding_taxes_amount_cents: sub,
    balance_amount_cents: status === 'available' ? credit : 0,
    credit_amount_cents: credit,
    refund_amount_cents: refund ? total : 0,
    offset_amount_cents: 0,
    coupons_adjustment_amount_cents: 0,
    taxes_rate: f.taxRate,
    created_at: isoSec(t),
    updated_at: isoSec(Math.min(END_MS, t + r.int(0, 5) * DAY)),
    file_url: r.chance(0.7) ? `https://api.lago.test/rails/active_storage/blobs/redirect/${token(ctx.seed, T.CN, i)}/credit_note.pdf` : null,
    xml_url: r.chance(0.2) ? `https://api.lago.test/rails/active_storage/blobs/redirect/${token(ctx.seed, T.CN, i + 1)}/credit_note.xml` : null,
    self_billed: false,
    customer: embeddedCustomer(ctx, f.customer),
    items: [{ lago_id: uuid(ctx.seed, T.CN_ITEM, i, 9), amount_cents: sub, precise_amount_cents: decimal(sub), amount_currency: f.currency, fee }],
    applied_taxes: f.taxIndex >= 0 && f.taxRate > 0 ? [{ lago_credit_note_id: id, base_amount_cents: sub, ...appliedTax(ctx, T.CN, i, f.taxIndex, taxes, f.currency, isoSec(t)) }] : [],
    // a tax provider that failed to sync the note leaves an error detail (ErrorDetail::ERROR_CODES)
    error_details: r.chance(0.1) ? [{ lago_id: uuid(ctx.seed, T.CN, i, 11), error_code: 'tax_error', details: { tax_error: 'taxDateTooFarInFuture' } }] : [],
  };
  // sent only when the note has metadata (item_metadata, a jsonb object)
  if (r.chance(0.2)) out.metadata = { reason_code: 'RC-12' };
  return out;
}

// ---- wallets & transactions ---------------------------------------------------------------------

function walletTime(ctx: Ctx, i: number): number {
  return Math.floor(slotTime(i, ctx.counts.wallets, unit(hash(ctx.seed, i, T.WALLET, 1))) / 1000) * 1000;
}
export function walletCustomer(ctx: Ctx, i: number): number {
  return pickOlder(ctx.counts.customers, walletTime(ctx, i), hash(ctx.seed, i, T.WALLET, 2));
}

/** A wallet as the list serializes it (app/serializers/v1/wallet_serializer.rb with its list includes, HEAD 1b1c24a6). */
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
  const manual = r.chance(0.3);
  const paymentMethod = { payment_method_id: manual ? null : uuid(ctx.seed, T.PAYMENT_METHOD, c), payment_method_type: manual ? 'manual' : 'provider' };
  const po = r.chance(0.2) ? `PO-W${pad(i, 5)}` : null;
  const out: LagoRecord = {
    lago_id: uuid(ctx.seed, T.WALLET, i),
    lago_customer_id: uuid(ctx.seed, T.CUSTOMER, c),
    external_customer_id: customerExternalId(ctx, c),
    billing_entity_code: entityDef(customerEntity(ctx, c)).code,
    status: terminated ? 'terminated' : 'active',
    currency,
    name: r.chance(0.7) ? 'Prepaid credits' : null,
    code: r.chance(0.7) ? `prepaid_${i}` : null,
    purchase_order_number: po,
    // numeric(30,5) columns: BigDecimal, rendered as strings
    rate_amount: '1.0',
    credits_balance: cents(balance),
    credits_ongoing_balance: cents(balance - usage),
    credits_ongoing_usage_balance: cents(usage),
    balance_cents: balance,
    ongoing_balance_cents: balance - usage,
    ongoing_usage_balance_cents: usage,
    consumed_credits: `${consumed}.0`,
    created_at: isoSec(t),
    expiration_at: r.chance(0.2) ? isoSec(END_MS + 180 * DAY) : null,
    last_balance_sync_at: r.chance(0.8) ? isoSec(Math.min(END_MS, t + 5 * DAY)) : null,
    last_consumed_credit_at: consumed > 0 ? isoSec(Math.min(END_MS, t + 10 * DAY)) : null,
    // a raw TimeWithZone: Rails' JSON has milliseconds
    terminated_at: terminated ? isoMs(Math.min(END_MS, t + 60 * DAY)) : null,
    invoice_requires_successful_payment: false,
    paid_top_up_min_amount_cents: r.chance(0.2) ? 1000 : null,
    paid_top_up_max_amount_cents: r.chance(0.2) ? 500000 : null,
    priority: r.chance(0.2) ? r.int(1, 49) : 50,
    // only the currently active rules (wallet_serializer.rb#active_recurring_transaction_rules)
    recurring_transaction_rules: rule && !terminated
      ? [{
          lago_id: uuid(ctx.seed, T.RULE, i),
          paid_credits: '100.0',
          granted_credits: '0.0',
          grants_target_top_up: false,
          interval: null,
          method: 'fixed',
          started_at: null,
          expiration_at: null,
          status: 'active',
          target_ongoing_balance: null,
          threshold_credits: '20.0',
          trigger: 'threshold',
          created_at: isoSec(t),
          invoice_requires_successful_payment: false,
          transaction_metadata: [],
          transaction_name: null,
          purchase_order_number: po,
          ignore_paid_top_up_limits: false,
          applied_invoice_custom_sections: [],
          payment_method: paymentMethod,
        }]
      : [],
    applies_to: { fee_types: r.chance(0.2) ? ['charge'] : [], billable_metric_codes: [] },
    applied_invoice_custom_sections: [],
    payment_method: paymentMethod,
  };
  if (r.chance(0.25)) out.metadata = { cost_center: `CC-${pad(r.int(0, 999), 3)}` };
  return out;
}

/**
 * Transaction k of wallet w lives at flat index w * perWallet + k (newest first within a wallet); as the list
 * serializes it (app/serializers/v1/wallet_transaction_serializer.rb, HEAD 1b1c24a6, no includes).
 */
export function genWalletTransaction(ctx: Ctx, i: number): LagoRecord {
  const per = Math.max(ctx.counts.wallet_transactions, 1);
  const w = Math.floor(i / per);
  const k = i % per;
  const r = new Rng(ctx.seed, T.WTX, i);
  const wt = walletTime(ctx, w);
  const wallet = new Rng(ctx.seed, T.WALLET, w);
  const c = walletCustomer(ctx, w);
  const t = Math.floor((END_MS - ((k + 0.5) / per) * (END_MS - wt)) / 1000) * 1000;
  const inbound = k === per - 1 || r.chance(0.5);
  const status = inbound ? r.pick(['settled', 'settled', 'settled', 'pending', 'failed'] as const) : 'settled';
  const txStatus = inbound ? r.pick(['purchased', 'purchased', 'granted'] as const) : r.chance(0.9) ? 'invoiced' : 'voided';
  const credits = r.int(1, 100);
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI)) : -1;
  const invoiceId = inv >= 0 ? uuid(ctx.seed, T.INVOICE, inv) : null;
  const remaining = inbound && status === 'settled' ? credits * 100 - (r.chance(0.3) ? r.int(0, credits - 1) * 100 : 0) : null;
  const manual = !inbound || wallet.chance(0.3);
  return {
    lago_id: uuid(ctx.seed, T.WTX, i),
    lago_wallet_id: uuid(ctx.seed, T.WALLET, w),
    lago_invoice_id: txStatus === 'purchased' || txStatus === 'invoiced' ? invoiceId : null,
    lago_credit_note_id: null,
    // credits given back when the invoice that consumed them is voided (wallet_transactions/recredit_service.rb)
    lago_voided_invoice_id: txStatus === 'granted' && r.chance(0.3) ? invoiceId : null,
    billing_entity_code: entityDef(customerEntity(ctx, c)).code,
    status,
    source: k === 0 && r.chance(0.3) ? 'threshold' : r.chance(0.1) ? 'interval' : 'manual',
    transaction_status: txStatus,
    transaction_type: inbound ? 'inbound' : 'outbound',
    // numeric(30,5): strings
    amount: `${credits}.0`,
    credit_amount: `${credits}.0`,
    remaining_amount_cents: remaining,
    // Integer#fdiv(...).to_s (wallet_transaction.rb#remaining_credit_amount), rate 1.0
    remaining_credit_amount: remaining === null ? null : (remaining / 100).toFixed(1),
    priority: 50,
    purchase_order_number: r.chance(0.2) ? `PO-T${pad(i, 5)}` : null,
    settled_at: status === 'settled' ? isoSec(t + 60_000) : null,
    failed_at: status === 'failed' ? isoSec(t + 60_000) : null,
    created_at: isoSec(t),
    invoice_requires_successful_payment: false,
    metadata: r.chance(0.2) ? [{ key: 'source', value: 'backoffice' }] : r.chance(0.1) ? null : [],
    name: r.chance(0.3) ? 'Top-up' : null,
    payment_method: { payment_method_id: manual ? null : uuid(ctx.seed, T.PAYMENT_METHOD, c), payment_method_type: manual ? 'manual' : 'provider' },
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

/** The payment requests list: includes customer and invoices, both serialized without includes. */
export function genPaymentRequest(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.PR, i);
  const t = Math.floor(slotTime(i, ctx.counts.payment_requests, unit(hash(ctx.seed, i, T.PR, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  const f = invoiceFacts(ctx, inv);
  const customer = customerBase(ctx, f.customer);
  return {
    lago_id: uuid(ctx.seed, T.PR, i),
    amount_cents: f.total,
    amount_currency: f.currency,
    // a nullable column: the customer's email when the request was made, if it had one
    email: customer.email,
    payment_status: r.pick(['pending', 'succeeded', 'failed'] as const),
    created_at: isoSec(t),
    customer,
    invoices: nI > 0 ? [invoiceBase(ctx, inv)] : [],
  };
}

// Provider statuses by what they mean for the payable (app/models/payment_providers/*_provider.rb), and the STI
// class name that `payment_provider&.type` sends.
const PROVIDERS = [
  { code: 'stripe_prod', type: 'PaymentProviders::StripeProvider', customer: 'cus_', succeeded: 'succeeded', processing: 'processing', failed: 'requires_payment_method' },
  { code: 'adyen_eu', type: 'PaymentProviders::AdyenProvider', customer: 'shopper_', succeeded: 'Authorised', processing: 'Received', failed: 'Refused' },
  { code: 'gocardless', type: 'PaymentProviders::GocardlessProvider', customer: 'CU', succeeded: 'paid_out', processing: 'pending_submission', failed: 'failed' },
] as const;

/**
 * V1::PaymentSerializer without includes (app/serializers/v1/payment_serializer.rb). Manual payments
 * (app/services/payments/manual_create_service.rb) have a reference, status "succeeded" and no provider: every
 * provider key is null. Provider payments have no reference (app/models/payment.rb validates its absence); some pay
 * a payment request, whose invoices they list.
 */
export function genPayment(ctx: Ctx, i: number): LagoRecord {
  const r = new Rng(ctx.seed, T.PAYMENT, i);
  const t = Math.floor(slotTime(i, ctx.counts.payments, unit(hash(ctx.seed, i, T.PAYMENT, 1))) / 1000) * 1000;
  const nI = ctx.counts.invoices;
  const inv = nI > 0 ? Math.min(nI - 1, firstIndexAtOrBefore(t, nI) + r.int(0, 2)) : 0;
  const f = invoiceFacts(ctx, inv);
  const manual = r.chance(0.2);
  const provider = r.pick(PROVIDERS);
  const outcome = manual ? 'succeeded' : r.pick(['succeeded', 'succeeded', 'succeeded', 'pending', 'processing', 'failed'] as const);
  const request = !manual && ctx.counts.payment_requests > 0 && r.chance(0.15) ? genPaymentRequest(ctx, r.int(0, ctx.counts.payment_requests - 1)) : null;
  const invoices = (request?.invoices as LagoRecord[] | undefined) ?? [{ lago_id: uuid(ctx.seed, T.INVOICE, inv), number: invoiceNumber(ctx, inv) }];
  const customerId = request ? ((request.customer as LagoRecord).lago_id as string) : uuid(ctx.seed, T.CUSTOMER, f.customer);
  const customerExternal = request ? ((request.customer as LagoRecord).external_id as string) : customerExternalId(ctx, f.customer);
  const providerPaymentId = manual || outcome === 'pending' ? null : `pi_${token(ctx.seed, T.PAYMENT, i)}`;
  const requiresAction = !manual && provider.code === 'stripe_prod' && outcome === 'pending';
  return {
    lago_id: uuid(ctx.seed, T.PAYMENT, i),
    lago_customer_id: customerId,
    external_customer_id: customerExternal,
    invoice_ids: invoices.map((x) => x.lago_id),
    invoice_numbers: invoices.map((x) => x.number),
    lago_payable_id: request ? request.lago_id : uuid(ctx.seed, T.INVOICE, inv),
    payable_type: request ? 'PaymentRequest' : 'Invoice',
    amount_cents: request ? request.amount_cents : f.total,
    amount_currency: request ? request.amount_currency : f.currency,
    status: manual ? 'succeeded' : requiresAction ? 'requires_action' : outcome === 'pending' ? provider.processing : provider[outcome],
    // payable_payment_status is a nullable column: payments recorded before v1.16 have none
    payment_status: !manual && r.chance(0.05) ? null : outcome,
    type: manual ? 'manual' : 'provider',
    reference: manual ? `wire-${pad(r.int(0, 999999), 6)}` : null,
    payment_provider_code: manual ? null : provider.code,
    payment_provider_type: manual ? null : provider.type,
    external_payment_id: providerPaymentId,
    provider_payment_id: providerPaymentId,
    provider_customer_id: manual ? null : `${provider.customer}${token(ctx.seed, T.CUSTOMER, f.customer)}`,
    // provider_payment_data: Stripe's next_action while a payment requires action, else the column default
    next_action: requiresAction ? { type: 'redirect_to_url', redirect_to_url: { url: `https://hooks.stripe.test/3ds/${token(ctx.seed, T.PAYMENT, i)}`, return_url: 'https://app.acme.test/paid' } } : {},
    created_at: isoSec(t),
  };
}

// ---- usage (computed per request, not stored) ---------------------------------------------------

/** One usage line: units and total_aggregated_units are BigDecimal sums rendered with `to_s` ("120.0"). */
function usageLine(units: number, amount: number): LagoRecord {
  return {
    units: `${units}.0`,
    total_aggregated_units: `${units}.0`,
    events_count: units === 0 ? 0 : 1 + (units % 37),
    amount_cents: amount,
    // the fake's charges bill in the currency, never in a pricing unit
    pricing_unit_details: null,
  };
}

/**
 * charges_usage of one period (app/serializers/v1/customers/charge_usage_serializer.rb, HEAD 1b1c24a6): one entry
 * per charge; a charge with filters lists one entry per charge filter plus the default one (no charge filter: null
 * name and values). No charge groups by a key nor has presentation group keys, so those lists are empty.
 */
function chargesUsage(ctx: Ctx, subIndex: number, salt: number, currency: string, scale = 1): { items: LagoRecord[]; amount: number } {
  const plan = subPlan(ctx, subIndex);
  const items: LagoRecord[] = [];
  let amount = 0;
  for (const c of planCharges(ctx, plan)) {
    const m = metricDef(c.metric);
    const h = hash(ctx.seed, subIndex, T.USAGE, salt * 64 + c.k);
    const units = Math.floor((h % 5000) * scale);
    const filter = m.filters.length > 0 && c.model === 'standard' ? m.filters[0] : undefined; // as genCharge
    const filtered = filter ? Math.floor(units * unit(h)) : 0;
    const filters = filter
      ? [
          { ...usageLine(filtered, filtered * 8), invoice_display_name: `${m.name} ${filter.values[0]}`, values: { [filter.key]: [filter.values[0]] }, presentation_breakdowns: [] },
          { ...usageLine(units - filtered, (units - filtered) * 5), invoice_display_name: null, values: null, presentation_breakdowns: [] },
        ]
      : [];
    const a = filter ? filtered * 8 + (units - filtered) * 5 : c.model === 'package' ? Math.ceil(units / 1000) * 1000 : units * 5;
    amount += a;
    items.push({
      ...usageLine(units, a),
      amount_currency: currency,
      charge: { lago_id: uuid(ctx.seed, T.CHARGE, plan * 64 + c.k), code: `${planDef(plan).code}_${m.code}`, charge_model: c.model, invoice_display_name: c.k === 0 ? null : m.name },
      billable_metric: { lago_id: uuid(ctx.seed, T.METRIC, c.metric), name: m.name, code: m.code, aggregation_type: m.agg },
      filters,
      grouped_usage: [],
      presentation_breakdowns: [],
    });
  }
  return { items, amount };
}

interface UsagePeriod { from: number; to: number; issuedAt: number; invoiceId: string | null; salt: number; scale?: number }

function usageObject(ctx: Ctx, subIndex: number, p: UsagePeriod): LagoRecord {
  const currency = planCurrency(subPlan(ctx, subIndex));
  const { items, amount } = chargesUsage(ctx, subIndex, p.salt, currency, p.scale);
  const taxIndex = taxForPlace(ctx, customerPlace(ctx, subCustomer(ctx, subIndex)));
  const taxes = taxIndex >= 0 ? Math.round((amount * taxDef(taxIndex).rate) / 100) : 0;
  return {
    from_datetime: isoSec(p.from),
    to_datetime: isoSec(p.to),
    issuing_date: isoDate(p.issuedAt),
    currency,
    amount_cents: amount,
    total_amount_cents: amount + taxes,
    taxes_amount_cents: taxes,
    lago_invoice_id: p.invoiceId,
    charges_usage: items,
  };
}

/** Current usage of a generated subscription (the caller checks it is active); lago_invoice_id is always nil. */
export function currentUsage(ctx: Ctx, subIndex: number, sub: LagoRecord): LagoRecord {
  const [pStart, pEnd] = periodBounds(planDef(subPlan(ctx, subIndex)).interval, END_MS);
  const from = typeof sub.current_billing_period_started_at === 'string' ? Date.parse(sub.current_billing_period_started_at) : pStart;
  const to = typeof sub.current_billing_period_ending_at === 'string' ? Date.parse(sub.current_billing_period_ending_at) : pEnd;
  return usageObject(ctx, subIndex, { from, to, issuedAt: to + 1000, invoiceId: null, salt: 0 });
}

/**
 * Past (invoiced) usage periods of a generated subscription, newest first: one per invoice_subscription
 * (app/queries/past_usage_query.rb, ordered by charges_from_datetime DESC, then created_at DESC). Some periods have
 * two invoices with the same charges_from_datetime: a voided invoice and the one regenerated from it
 * (app/services/invoices/regenerate_from_voided_service.rb#create_invoice_subscriptions duplicates the row), or a
 * progressive-billing invoice issued mid-period before the period's own (app/services/invoices/progressive_billing_service.rb
 * takes the period's charges boundaries).
 */
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
    const from = Math.max(addMonths(pStart, -months * k), started);
    const to = addMonths(pStart, -months * (k - 1)) - 1000;
    if (to < started) break;
    const period: UsagePeriod = { from, to, issuedAt: to + 1000, invoiceId: uuid(ctx.seed, T.SUB_FEE, subIndex, k), salt: k };
    out.push(usageObject(ctx, subIndex, period));
    const twin = hash(ctx.seed, subIndex, T.USAGE, 5000 + k) % 8;
    if (twin === 0) {
      // the voided original, same boundaries and usage, created before its regenerated copy
      out.push(usageObject(ctx, subIndex, { ...period, invoiceId: uuid(ctx.seed, T.SUB_FEE, subIndex, 100 + k) }));
    } else if (twin === 1) {
      // a progressive-billing invoice issued when a usage threshold was crossed mid-period
      const issuedAt = from + Math.floor((to - from) / 2);
      out.push(usageObject(ctx, subIndex, { ...period, issuedAt, invoiceId: uuid(ctx.seed, T.SUB_FEE, subIndex, 200 + k), scale: 0.5 }));
    }
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
  taxes: genListedTax,
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
