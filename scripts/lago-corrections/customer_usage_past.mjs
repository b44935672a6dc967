// customer_usage_past: where lago-api's past usage differs from Lago's OpenAPI document.

const CHARGE_USAGE = 'app/serializers/v1/customers/charge_usage_serializer.rb';

/** charges_usage[] as V1::Customers::ChargeUsageSerializer renders it, for current and past usage alike. */
export const chargesUsageCorrections = [
  {
    path: 'charges_usage[].charge.code',
    add: { type: 'string', description: "The charge's code (charges.code NOT NULL)." },
    since: 'v1.50.0',
    source: `${CHARGE_USAGE}#charge_data (4736ceb73)`,
  },
  {
    path: 'charges_usage[].charge.charge_model',
    values: ['standard', 'graduated', 'package', 'percentage', 'volume', 'graduated_percentage', 'custom', 'dynamic'],
    source: 'app/models/charge.rb CHARGE_MODELS',
  },
  {
    path: 'charges_usage[].billable_metric.aggregation_type',
    values: ['count_agg', 'sum_agg', 'max_agg', 'unique_count_agg', 'weighted_sum_agg', 'latest_agg', 'custom_agg'],
    source: 'app/models/billable_metric.rb AGGREGATION_TYPES',
  },
  ...['charges_usage[].filters[]', 'charges_usage[].grouped_usage[].filters[]'].map((filters) => ({
    path: `${filters}.values`,
    source: `${CHARGE_USAGE}#build_filter_data (charge_filter&.to_h)`,
    description:
      'The filter values ({key: [values]}) of this charge filter; null for the default filter, which collects the usage no charge filter matches.',
  })),
];

/** The ids the connector adds to every usage record (Lago's usage object carries neither): always set. */
export const connectorAddedFields = ['external_customer_id', 'external_subscription_id'].map((path) => ({
  path,
  source: 'added by the connector (src/streams/templates.ts usageRecordFields)',
}));

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Customers::UsageController#past → PastUsageQuery (every invoice_subscription of the subscriptions with this external id, any invoice status) → V1::Customers::PastUsageSerializer (collection usage_periods), includes charges_usage (V1::Customers::ChargeUsageSerializer)',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    ...connectorAddedFields,
    {
      path: 'from_datetime',
      source: 'invoice_subscriptions.charges_from_datetime: app/queries/past_usage_query.rb keeps where.not(charges_from_datetime: nil); past_usage_serializer.rb renders it with .iso8601, no &.',
    },
    { path: 'lago_invoice_id', source: 'invoices.id uuid NOT NULL through invoice_subscriptions.invoice_id NOT NULL (db/structure.sql); past_usage_serializer.rb invoice.id' },
    { path: 'amount_cents', source: 'invoices.fees_amount_cents bigint DEFAULT 0 NOT NULL (db/structure.sql); past_usage_serializer.rb' },
  ],
  fields: [
    {
      path: 'lago_invoice_id',
      source: 'app/queries/past_usage_query.rb; app/services/invoices/regenerate_from_voided_service.rb#create_invoice_subscriptions; app/services/invoices/progressive_billing_service.rb#boundaries',
      description:
        "The invoice of this usage period. Several invoices can share a period's from_datetime: a voided invoice and the one regenerated from it, or a progressive-billing invoice and the period's own.",
    },
    ...chargesUsageCorrections,
  ],
};
