// fees: where lago-api's list differs from Lago's OpenAPI document (read at HEAD 1b1c24a6, v1.51.0, v1.30.0).
const SERIALIZER = 'app/serializers/v1/fee_serializer.rb';

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'Api::V1::FeesController#index → FeesQuery (ORDER BY fees.created_at ASC, fees.id ASC) → V1::FeeSerializer, ' +
    'includes: %i[applied_taxes]',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'db/structure.sql fees.id uuid NOT NULL; fee_serializer.rb lago_id: model.id' },
    { path: 'amount_cents', source: 'db/structure.sql fees.amount_cents bigint NOT NULL' },
    { path: 'amount_currency', source: 'db/structure.sql fees.amount_currency NOT NULL' },
    { path: 'taxes_amount_cents', source: 'db/structure.sql fees.taxes_amount_cents bigint NOT NULL' },
    { path: 'taxes_rate', source: 'db/structure.sql fees.taxes_rate double precision NOT NULL' },
    { path: 'units', source: 'db/structure.sql fees.units numeric NOT NULL' },
    { path: 'total_amount_cents', source: 'app/models/fee.rb#total_amount_cents (amount_cents + taxes_amount_cents, both NOT NULL)' },
    { path: 'total_amount_currency', source: 'db/structure.sql fees.amount_currency NOT NULL (fee_serializer.rb sends it)' },
    { path: 'payment_status', source: 'db/structure.sql fees.payment_status integer DEFAULT 0 NOT NULL' },
    { path: 'created_at', source: 'db/structure.sql fees.created_at NOT NULL' },
    { path: 'amount_details', source: "db/structure.sql fees.amount_details jsonb DEFAULT '{}' NOT NULL" },
    { path: 'item', source: `${SERIALIZER}: item is a hash literal` },
    { path: 'item.grouped_by', source: "db/structure.sql fees.grouped_by jsonb DEFAULT '{}' NOT NULL" },
    { path: 'applied_taxes', source: `${SERIALIZER}#applied_taxes (a collection, always sent with the include)` },
    { path: 'applied_taxes[].lago_id', source: 'db/structure.sql fees_taxes.id NOT NULL' },
    { path: 'applied_taxes[].lago_fee_id', source: 'db/structure.sql fees_taxes.fee_id NOT NULL' },
    { path: 'applied_taxes[].tax_code', source: 'db/structure.sql fees_taxes.tax_code NOT NULL' },
    { path: 'applied_taxes[].tax_name', source: 'db/structure.sql fees_taxes.tax_name NOT NULL' },
    { path: 'applied_taxes[].amount_cents', source: 'db/structure.sql fees_taxes.amount_cents bigint NOT NULL' },
  ],
  fields: [
    {
      path: 'lago_original_fee_id',
      source: SERIALIZER,
      since: 'v1.45.2',
      add: {
        type: 'string',
        description: 'Unique identifier of the root fee of a void/regenerate chain (fees.original_fee_id), null otherwise.',
      },
    },
    {
      path: 'lago_customer_id',
      source: 'app/models/fee.rb (has_one :customer, through: :subscription)',
      description: 'Unique identifier of the customer, through the subscription: null for fees without one (add-on, credit fees).',
    },
    {
      path: 'external_customer_id',
      source: 'app/models/fee.rb (has_one :customer, through: :subscription)',
      description: 'External id of the customer, through the subscription: null for fees without one (add-on, credit fees).',
    },
    {
      path: 'total_aggregated_units',
      source: 'db/structure.sql fees.total_aggregated_units numeric (nullable; app/models/fee.rb requires it on charge fees only)',
      description: 'Total aggregated units of a charge fee, a decimal string (v1.35.0); null for other fees.',
    },
    { path: 'item.type', source: 'app/models/fee.rb FEE_TYPES', values: ['charge', 'add_on', 'subscription', 'credit', 'commitment', 'fixed_charge (v1.39.0)', 'product (HEAD, unreleased)'] },
    { path: 'item.item_type', source: 'app/models/fee.rb#item_type', values: ['BillableMetric', 'AddOn', 'Subscription', 'WalletTransaction'] },
    { path: 'payment_status', source: 'app/models/fee.rb PAYMENT_STATUS', values: ['pending', 'succeeded', 'failed', 'refunded'] },
    {
      path: 'event_transaction_id',
      source: SERIALIZER,
      description: 'Transaction id of the event that created a pay-in-advance charge fee; the key is sent for those fees only.',
    },
  ],
};
