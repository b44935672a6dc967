// payments: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const payments: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    lago_customer_id: {  },
    external_customer_id: {  },
    invoice_ids: {  },
    invoice_numbers: {  },
    lago_payable_id: {  },
    payable_type: {  },
    amount_cents: {  },
    amount_currency: {  },
    status: {  },
    payment_status: {  },
    type: {  },
    reference: {  },
    payment_provider_code: {  },
    payment_provider_type: {  },
    external_payment_id: { nullable: true },
    provider_payment_id: { nullable: true },
    provider_customer_id: {  },
    payment_method_id: { nullable: true },
    next_action: { object: {
    } },
    created_at: {  },
  },
};
