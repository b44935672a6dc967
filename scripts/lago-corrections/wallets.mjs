// wallets: where lago-api's wallet list differs from Lago's OpenAPI document.

const SECTION = 'app/serializers/v1/invoice_custom_section_serializer.rb';

/** V1::InvoiceCustomSectionSerializer sends no created_at, and applied_to_organization left it in v1.33.3 (3f57d6131). */
const sectionPhantoms = (sections) => [
  { path: `${sections}.invoice_custom_section.applied_to_organization`, remove: true, source: `${SECTION} (removed in 3f57d6131, v1.33.3)` },
  { path: `${sections}.invoice_custom_section.created_at`, remove: true, source: `${SECTION} (never sent)` },
];

/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'WalletsController#index → concerns/wallet_actions.rb#wallet_index → WalletsQuery → V1::WalletSerializer, includes recurring_transaction_rules (currently active ones), limitations (applies_to, since v1.32.0), applied_invoice_custom_sections (since v1.45.0)',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'wallets.id uuid NOT NULL (db/structure.sql); wallet_serializer.rb model.id' },
    { path: 'lago_customer_id', source: 'wallets.customer_id uuid NOT NULL (db/structure.sql)' },
    { path: 'external_customer_id', source: 'customers.external_id NOT NULL through wallets.customer_id NOT NULL (model.customer.external_id, no &.)' },
    { path: 'status', source: 'wallets.status integer NOT NULL (db/structure.sql), enum in app/models/wallet.rb' },
    { path: 'currency', source: 'wallets.balance_currency NOT NULL (db/structure.sql; app/models/wallet.rb#currency)' },
    { path: 'rate_amount', source: 'wallets.rate_amount numeric(30,5) NOT NULL (db/structure.sql)' },
    { path: 'credits_balance', source: 'wallets.credits_balance numeric(30,5) NOT NULL (db/structure.sql)' },
    { path: 'balance_cents', source: 'wallets.balance_cents bigint NOT NULL (db/structure.sql)' },
    { path: 'consumed_credits', source: 'wallets.consumed_credits numeric(30,5) NOT NULL (db/structure.sql)' },
    { path: 'created_at', source: 'wallets.created_at NOT NULL (db/structure.sql)' },
    { path: 'invoice_requires_successful_payment', source: 'wallets.invoice_requires_successful_payment boolean NOT NULL, sent as model.invoice_requires_successful_payment?' },
  ],
  fields: [
    ...sectionPhantoms('applied_invoice_custom_sections[]'),
    ...sectionPhantoms('recurring_transaction_rules[].applied_invoice_custom_sections[]'),
    { path: 'status', values: ['active', 'terminated'], source: 'app/models/wallet.rb STATUSES' },
    {
      path: 'purchase_order_number',
      source: 'app/serializers/v1/wallet_serializer.rb (68980ddfb, after v1.51.0)',
      description: 'Purchase order number of the wallet. Sent by lago-api after v1.51.0 only (HEAD).',
    },
    {
      path: 'metadata',
      source: 'app/serializers/v1/wallet_serializer.rb (merged only if model.metadata.present?, since v1.40.0)',
      description: "The wallet's metadata (key-value object); the key is left out when the wallet has none.",
    },
    { path: 'recurring_transaction_rules[].trigger', values: ['interval', 'threshold'], source: 'app/models/recurring_transaction_rule.rb TRIGGERS' },
    { path: 'recurring_transaction_rules[].method', values: ['fixed', 'target'], source: 'app/models/recurring_transaction_rule.rb METHODS' },
    {
      path: 'recurring_transaction_rules[].interval',
      values: ['weekly', 'monthly', 'quarterly', 'yearly', 'semiannual'],
      source: 'app/models/recurring_transaction_rule.rb INTERVALS',
    },
    { path: 'recurring_transaction_rules[].status', values: ['active', 'terminated'], source: 'app/models/recurring_transaction_rule.rb STATUSES' },
  ],
};
