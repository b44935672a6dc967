// wallet_transactions: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const walletTransactions: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    lago_wallet_id: {  },
    lago_invoice_id: { nullable: true },
    lago_credit_note_id: { nullable: true },
    lago_voided_invoice_id: { nullable: true },
    status: {  },
    source: {  },
    transaction_status: {  },
    transaction_type: {  },
    amount: {  },
    credit_amount: {  },
    invoice_requires_successful_payment: {  },
    metadata: { array: {
      key: {  },
      value: {  },
    } },
    remaining_amount_cents: { nullable: true },
    remaining_credit_amount: { nullable: true },
    priority: {  },
    settled_at: { nullable: true },
    failed_at: { nullable: true },
    created_at: {  },
    name: { nullable: true },
    applied_invoice_custom_sections: {  },
    payment_method: { object: {
      payment_method_type: {  },
      payment_method_id: {  },
    } },
    purchase_order_number: { nullable: true },
  },
};
