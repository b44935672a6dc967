// wallet_transactions: what lago-api's wallet transaction list serializes.
import type { Serializer } from './types.js';
import { paymentMethodFields } from './wallets.js';

export const walletTransactions: Serializer = {
  source:
    'lago-api HEAD 1b1c24a6 and v1.51.0, v1.30.0: app/controllers/api/v1/wallet_transactions_controller.rb#index ' +
    '(no includes: applied_invoice_custom_sections and wallet are show-only) → app/queries/wallet_transactions_query.rb ' +
    '→ app/serializers/v1/wallet_transaction_serializer.rb; columns: db/structure.sql `wallet_transactions`; ' +
    'app/models/wallet_transaction.rb#remaining_credit_amount, #resolved_purchase_order_number',
  fields: {
    lago_id: {},
    lago_wallet_id: {},
    lago_invoice_id: { nullable: true },
    lago_credit_note_id: { since: '1.35.0', nullable: true },
    lago_voided_invoice_id: { since: '1.42.0', nullable: true },
    // (transaction's or wallet's billing entity)&.code; the wallet falls back to its customer's
    billing_entity_code: { since: '1.49.0', nullable: true },
    status: {},
    source: { since: '1.9.0' },
    transaction_status: { since: '1.2.1' },
    transaction_type: {},
    amount: {},
    credit_amount: {},
    remaining_amount_cents: { since: '1.41.0', nullable: true },
    remaining_credit_amount: { since: '1.44.0', nullable: true },
    priority: { since: '1.41.0' },
    purchase_order_number: { since: 'HEAD', nullable: true },
    settled_at: { nullable: true },
    failed_at: { since: '1.16.1', nullable: true },
    created_at: {},
    invoice_requires_successful_payment: { since: '1.8.2' },
    // jsonb DEFAULT '[]', nullable
    metadata: { since: '1.9.0', nullable: true, array: { key: {}, value: {} } },
    name: { since: '1.33.3', nullable: true },
    payment_method: { since: '1.39.0', object: paymentMethodFields },
  },
};
