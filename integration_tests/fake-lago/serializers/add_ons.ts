// add_ons: what lago-api's list action serializes.
// STUB taken from the earlier fake's records: to be rewritten from lago-api's source (serializer, includes, columns).
import type { Serializer } from './types.js';

export const addOns: Serializer = {
  source: 'TODO',
  fields: {
    lago_id: {  },
    name: {  },
    invoice_display_name: { nullable: true },
    code: {  },
    amount_cents: {  },
    amount_currency: {  },
    description: { nullable: true },
    created_at: {  },
    taxes: {  },
  },
};
