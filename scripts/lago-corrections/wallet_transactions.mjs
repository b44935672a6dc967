// wallet_transactions: where lago-api's wallet transaction list differs from Lago's OpenAPI document.
/** @type {import('./types').StreamCorrections} */
export default {
  list:
    'WalletTransactionsController#index (GET /wallets/:id/wallet_transactions) → WalletTransactionsQuery → V1::WalletTransactionSerializer, no includes',
  checked: ['HEAD 1b1c24a6', 'v1.51.0', 'v1.30.0'],
  guaranteed: [
    { path: 'lago_id', source: 'wallet_transactions.id uuid NOT NULL (db/structure.sql); wallet_transaction_serializer.rb model.id' },
    { path: 'lago_wallet_id', source: 'wallet_transactions.wallet_id uuid NOT NULL (db/structure.sql)' },
    { path: 'status', source: 'wallet_transactions.status integer NOT NULL (db/structure.sql)' },
    { path: 'transaction_type', source: 'wallet_transactions.transaction_type integer NOT NULL (db/structure.sql)' },
    { path: 'amount', source: 'wallet_transactions.amount numeric(30,5) NOT NULL (db/structure.sql)' },
    { path: 'credit_amount', source: 'wallet_transactions.credit_amount numeric(30,5) NOT NULL (db/structure.sql)' },
    { path: 'created_at', source: 'wallet_transactions.created_at NOT NULL, rendered with model.created_at.iso8601' },
  ],
  fields: [
    {
      path: 'billing_entity_code',
      add: {
        type: 'string',
        description: "Code of the billing entity of the transaction, or else of its wallet (which falls back to its customer's).",
      },
      since: 'v1.49.0',
      source: 'app/serializers/v1/wallet_transaction_serializer.rb#billing_entity_code (7a713c52e)',
    },
    {
      path: 'applied_invoice_custom_sections',
      remove: true,
      source: 'app/serializers/v1/wallet_transaction_serializer.rb (only with include :applied_invoice_custom_sections, which the list does not pass: app/controllers/api/v1/wallet_transactions_controller.rb#index)',
    },
    { path: 'status', values: ['pending', 'settled', 'failed'], source: 'app/models/wallet_transaction.rb STATUSES' },
    { path: 'transaction_status', values: ['purchased', 'granted', 'voided', 'invoiced'], source: 'app/models/wallet_transaction.rb TRANSACTION_STATUSES' },
    { path: 'transaction_type', values: ['inbound', 'outbound'], source: 'app/models/wallet_transaction.rb TRANSACTION_TYPES' },
    { path: 'source', values: ['manual', 'interval', 'threshold'], source: 'app/models/wallet_transaction.rb SOURCES' },
    {
      path: 'purchase_order_number',
      source: 'app/serializers/v1/wallet_transaction_serializer.rb (resolved_purchase_order_number, after v1.51.0)',
      description: "Purchase order number of the transaction, or else of its wallet. Sent by lago-api after v1.51.0 only (HEAD).",
    },
  ],
};
