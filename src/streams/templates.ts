import type { Config } from '../config.js';
import { SUBSCRIPTION_STATUSES, SUBSCRIPTION_STATUSES_EVERY_LAGO } from '../config.js';
import type { LagoServer } from '../lago/capabilities.js';
import { isLagoHttpError } from '../lago/errors.js';
import type { PartitionSource, StreamDefinition, StreamPass } from './definition.js';
import { rootKeyExtractor } from './extract.js';

/** Lago's list endpoints, declared. See README's stream table for what each reads. */

const LAGO_ID = [['lago_id']];

const list = (name: string, extra: Partial<StreamDefinition> = {}): StreamDefinition => ({
  name,
  path: `/${name}`,
  records: rootKeyExtractor(name),
  paginated: true,
  primaryKey: LAGO_ID,
  ...extra,
});

/**
 * Usage is read per (customer, subscription) pair taken from ONE subscription record, never from a
 * product of customers × subscriptions; a configured pair is read directly.
 */
function usagePartitions(config: Config, statuses: readonly string[]): PartitionSource {
  const { external_customer_id: customerId, external_subscription_id: subscriptionId } = config.filters.customer_usage ?? {};
  if (customerId && subscriptionId) return { kind: 'contexts', contexts: [{ external_customer_id: customerId, external_subscription_id: subscriptionId }] };
  return {
    kind: 'parent',
    stream: 'subscriptions',
    query: { external_customer_id: customerId, 'status[]': statuses },
    bind: { external_customer_id: 'external_customer_id', external_subscription_id: 'external_id' },
    ...(subscriptionId ? { where: (record: Record<string, unknown>) => record.external_id === subscriptionId } : {}),
  };
}

/** Invoices and credit notes: Lago filters both by issuing_date_from/_to (whole days, both ends inclusive). */
const BY_ISSUING_DATE = { field: 'issuing_date', from: 'issuing_date_from', to: 'issuing_date_to', kind: 'date', defaultSlice: 'month' } as const;

const usageRecordFields = { external_customer_id: '{external_customer_id}', external_subscription_id: '{external_subscription_id}' };

/**
 * Without status[] Lago returns only active subscriptions; a warehouse needs all of them. `incomplete` (v1.45.2) is
 * asked for in a pass of its own: an older Lago does not know it, and one unknown value spoils the whole filter —
 * up to v1.31 it falls back to active only, from v1.32 it is dropped (app/queries/subscriptions_query.rb
 * #filtered_statuses at v1.30.0 and v1.32.0). So the second pass keeps only records that really are incomplete.
 */
function subscriptionPasses({ filters: { subscriptions: f = {} } }: Config, lago: LagoServer): StreamPass[] {
  const base = { external_customer_id: f.external_customer_id, plan_code: f.plan_code };
  const wanted: readonly string[] = f.status ?? SUBSCRIPTION_STATUSES;
  const hasIncomplete = lago.supports('incompleteSubscriptions');
  // A Lago known to have the status takes all of them at once; one known not to has no incomplete subscription.
  if (hasIncomplete === true) return [{ query: { ...base, 'status[]': wanted } }];
  const known = wanted.filter((status) => (SUBSCRIPTION_STATUSES_EVERY_LAGO as readonly string[]).includes(status));
  const passes: StreamPass[] = known.length > 0 ? [{ query: { ...base, 'status[]': known } }] : [];
  if (hasIncomplete === undefined && wanted.includes('incomplete')) {
    passes.push({ query: { ...base, 'status[]': ['incomplete'] }, keep: (record) => record.status === 'incomplete' });
  }
  return passes;
}

function inSet(value: unknown, allowed: readonly string[] | undefined): boolean {
  return !allowed || allowed.length === 0 || allowed.includes(String(value));
}

export const TEMPLATE_STREAMS: readonly StreamDefinition[] = [
  list('customers'),
  list('subscriptions', { passes: subscriptionPasses }),
  list('invoices', {
    // `statuses[]` since Lago 1.x; older servers read the singular `status`, and ignore what they
    // don't know, so the statuses are also checked on each record.
    query: ({ filters: { invoices: f = {} } }) => ({
      external_customer_id: f.external_customer_id,
      'statuses[]': f.status,
      status: f.status?.length === 1 ? f.status[0] : undefined,
      'payment_statuses[]': f.payment_status,
      payment_status: f.payment_status?.length === 1 ? f.payment_status[0] : undefined,
      issuing_date_from: f.issuing_date_from,
      issuing_date_to: f.issuing_date_to,
    }),
    keep: (record, { filters: { invoices: f = {} } }) => inSet(record.status, f.status) && inSet(record.payment_status, f.payment_status),
    cursor: {
      ...BY_ISSUING_DATE,
      bounds: ({ filters: { invoices: f = {} } }) => ({ from: f.issuing_date_from, to: f.issuing_date_to }),
    },
  }),
  list('billable_metrics'),
  list('plans'),
  list('events', {
    // Neither merges two billed events nor keeps two copies of one, on either of Lago's event stores (README,
    // "Events key"): Postgres' unique index is (organization, external_subscription_id, transaction_id); ClickHouse's
    // events_raw keeps every re-send and billing dedupes on (code, external_subscription_id, timestamp, transaction_id).
    primaryKey: [['external_subscription_id'], ['code'], ['timestamp'], ['transaction_id']],
    query: ({ filters: { events: f = {} } }) => ({
      external_subscription_id: f.external_subscription_id,
      code: f.billable_metric_code,
      timestamp_from: f.timestamp_from,
      timestamp_to: f.timestamp_to,
    }),
    cursor: {
      field: 'timestamp',
      from: 'timestamp_from',
      to: 'timestamp_to',
      kind: 'date-time',
      defaultSlice: 'day',
      bounds: ({ filters: { events: f = {} } }) => ({ from: f.timestamp_from, to: f.timestamp_to }),
    },
  }),
  list('coupons'),
  list('add_ons'),
  {
    name: 'customer_usage',
    path: '/customers/{external_customer_id}/current_usage',
    records: rootKeyExtractor('customer_usage', true),
    paginated: false,
    primaryKey: [['external_subscription_id'], ['from_datetime']],
    queryTemplates: { external_subscription_id: '{external_subscription_id}' },
    partitions: (config) => usagePartitions(config, ['active']),
    recordFields: usageRecordFields,
    // 405 no_active_subscription: the subscription ended between listing and asking; 404: customer gone.
    skipStatuses: [404, 405],
  },
  {
    name: 'customer_usage_past',
    path: '/customers/{external_customer_id}/past_usage',
    records: rootKeyExtractor('usage_periods'),
    paginated: true,
    // One period per invoice_subscription (app/queries/past_usage_query.rb): a voided-and-regenerated or a
    // progressive-billing invoice repeats a period's from_datetime, so the invoice is part of the key.
    primaryKey: [['external_subscription_id'], ['from_datetime'], ['lago_invoice_id']],
    queryTemplates: { external_subscription_id: '{external_subscription_id}' },
    partitions: (config) => usagePartitions(config, SUBSCRIPTION_STATUSES_EVERY_LAGO),
    recordFields: usageRecordFields,
    skipStatuses: [404, 405],
  },
  list('fees', {
    query: ({ filters: { fees: f = {} } }) => ({
      external_customer_id: f.external_customer_id,
      created_at_from: f.created_at_from,
      created_at_to: f.created_at_to,
    }),
    // Refreshing a draft invoice deletes its fees (app/services/invoices/refresh_draft_service.rb): by page
    // number, each deletion behind the read shifts an unseen fee onto a page already read.
    pagination: { kind: 'keyset', field: 'created_at', from: 'created_at_from', to: 'created_at_to' },
  }),
  list('credit_notes', {
    cursor: {
      ...BY_ISSUING_DATE,
      filteredSince: 'creditNoteDateFilters',
      // A credit note on a draft invoice is listed only once the invoice is finalized, with its creation-day
      // issuing_date (incremental.ts, LateArrivals). `status` for Lago before 1.33.3, `statuses[]` after.
      lateArrivals: {
        stateKey: 'draft_invoices_since',
        stream: 'invoices',
        query: { status: 'draft', 'statuses[]': ['draft'] },
        keep: (record) => record.status === 'draft',
        field: 'created_at',
        // issuing_date is the day in the customer's time zone (up to a day before the UTC date).
        slackDays: 1,
      },
    },
  }),
  list('wallets', {
    // Org-wide /wallets exists since Lago 1.47; older servers want a customer: ask per customer then.
    fallback: {
      when: (error) => isLagoHttpError(error, 404, 422),
      reason: 'this Lago version does not list wallets org-wide; reading them per customer',
      needed: (lago) => lago.supports('orgWideWallets') === false,
      definition: {
        queryTemplates: { external_customer_id: '{external_customer_id}' },
        partitions: () => ({ kind: 'parent', stream: 'customers', bind: { external_customer_id: 'external_id' } }),
        skipStatuses: [404],
      },
    },
  }),
  {
    name: 'wallet_transactions',
    path: '/wallets/{lago_id}/wallet_transactions',
    records: rootKeyExtractor('wallet_transactions'),
    paginated: true,
    primaryKey: LAGO_ID,
    partitions: () => ({ kind: 'parent', stream: 'wallets', bind: { lago_id: 'lago_id' } }),
    skipStatuses: [404],
  },
  list('applied_coupons'),
  list('taxes'),
  list('payment_requests'),
  list('payments'),
  list('billing_entities', { paginated: false }),
  list('webhook_endpoints'),
];
